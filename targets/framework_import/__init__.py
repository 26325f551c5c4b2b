"""Setting up the framework (outcomes, indicators, targets, milestones) from a workbook."""
