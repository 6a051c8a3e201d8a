"""No custom functions: this module keeps xlwings Server's example functions out."""
