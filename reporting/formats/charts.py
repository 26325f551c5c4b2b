"""The RAG colours of reporting's charts (:mod:`partnership.charts` is the shape of every
chart); RAG charts label their bars with the word too."""

# GOV.UK colours for RAG; the word is always shown too.
RAG_COLOURS = {"green": "#00703c", "amber": "#f47738", "red": "#d4351c", "grey": "#505a5f"}
