from __future__ import annotations

import os

# xlwings' remote/Office.js engines are xlwings PRO code, free under PolyForm Noncommercial.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
