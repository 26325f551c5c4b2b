// Starts GOV.UK Frontend's components (error summaries, service navigation, buttons...).
import { initAll } from "../dist/govuk-frontend.min.js";

initAll();
