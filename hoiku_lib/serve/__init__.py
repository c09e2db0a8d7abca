"""`hoiku serve`: the workshop dashboards on a standalone Voilà server.

Modules, one job each: ``cli`` (argument parsing, fast import), ``options`` (what is
allowed and the Voilà configuration it implies, pure), ``landing`` (the dashboards'
index page and language choice) and ``app`` (the Voilà application with HOIKU's
handlers). What a dashboard kernel knows of its page request lives in
``hoiku_lib.ui.request``: no page imports the server.
"""
