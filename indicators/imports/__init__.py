"""Importing values from files: read (:mod:`.read`, :mod:`.layouts`), preview
(:mod:`.plan`), save (:mod:`.save`), and the services pages and commands call
(:mod:`.services`)."""
