"""innspill: run a yearly input round from one Excel workbook and report it in Word."""

__version__ = "0.1.0"
