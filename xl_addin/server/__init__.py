"""The Excel add-in: ribbon buttons in Excel that run the three actions on xlwings Server.

`app.create_app()` configures xlwings Server with the project folder in
`server/project/` (manifest, task pane, `ribbon.js`, the custom scripts, the
Entra ID provider) and returns the ASGI app inside the server's guard
(`middleware.Guard`); `innspill serve` runs it with uvicorn. The scripts
(`scripts.py`) are thin doors to `xl_addin.macros`, each under a time limit;
`downloads.py` hands the Word report to the user through a one-time link.

Hardening: `signin.py` (who may use the server), `limits.py` (largest
request, longest script), `headers.py` (security headers), `privacy.py` (no
workbook content in the logs), `responses.py` (Norwegian refusals).
`payload.py` builds the JSON the Office.js client sends, for tests and
benchmarks.
"""
