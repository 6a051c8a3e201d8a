"""The Excel add-in: ribbon buttons in Excel that run the three actions on xlwings Server.

`app.create_app()` configures xlwings Server with the project folder in
`server/project/` (manifest, task pane, `ribbon.js`, the custom scripts) and
returns the ASGI app; `innspill serve` runs it with uvicorn. The scripts
(`scripts.py`) are thin doors to `xl_addin.macros`; `downloads.py` hands the
Word report to the user through a one-time link.
"""
