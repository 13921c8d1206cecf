"""The application's verbs, shared by the GUI and the command line.

One function a user action, one transaction each, returning plain values (ids, frozen
dataclasses). Every verb that changes the plan returns a Created, Updated or Removed
result, which names what changed (for views to refresh) and carries what undo needs.
"""
