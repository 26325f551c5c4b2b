"""Every read of the reporting app, one module per page; each returns plain data."""
