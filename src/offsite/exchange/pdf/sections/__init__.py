"""The sections of the plan PDF, one module each; every one has ``build(layout)`` returning flowables."""
