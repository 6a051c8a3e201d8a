"""Routes the add-in adds to xlwings Server (imported as `routers`)."""
