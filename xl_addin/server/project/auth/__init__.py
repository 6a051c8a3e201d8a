"""Sign-in providers of the add-in (xlwings Server imports `auth.<provider>` from the project first)."""
