"""`hoiku serve`: the workshop dashboards on a standalone Voilà server.

Modules, one job each: ``cli`` (argument parsing, fast import), ``options`` (what is
allowed and the Voilà configuration it implies, pure), ``landing`` (the dashboards'
index page and language choice), ``app`` (the Voilà application with HOIKU's handlers),
``request`` (what a dashboard kernel knows of the page request, e.g. the language).
"""
