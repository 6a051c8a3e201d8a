"""The add-in's scripts (xlwings Server imports this module as `custom_scripts`)."""

from xl_addin.server.scripts import kontroller, lag_rapport, oppdater_telling

__all__ = ["kontroller", "lag_rapport", "oppdater_telling"]
