"""The service behind ``bulletin_cli.api``: one module per concern, each the only place that
loads, checks, refuses, builds and writes for its commands, returning the result objects of
``results``. Callers go through ``bulletin_cli.api``; nothing here imports typer, rich or click.
"""
