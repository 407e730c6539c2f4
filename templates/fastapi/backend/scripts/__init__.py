"""Project tasks that are not part of the app (run by the Makefile)."""
