"""Year to year and teamwork: carry-over, merging returned copies, reminders, share-safe copies."""
