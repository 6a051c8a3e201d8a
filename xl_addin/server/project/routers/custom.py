"""The one-time download of the Word report (xlwings Server includes `router`)."""

from xlwings_server.config import settings

from xl_addin.server.downloads import make_router

router = make_router(prefix=settings.app_path)
