"""The plan's rules in plain Python: no Qt, no database, no PDF library."""
