"""Everything Qt: the main window, one module per phase, item models, undo commands, workers."""
