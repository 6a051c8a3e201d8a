from __future__ import annotations

import os

# xlwings' remote/Office.js engines are xlwings PRO code, free under PolyForm Noncommercial.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

# Hypothesis profiles: "ci" (the default: quick) and "long" (on demand, e.g. before a release):
#   HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/hardening/test_fuzz.py -q
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", max_examples=40, deadline=None)
settings.register_profile("long", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
