"""The results report's sections, one module each; each section function returns flowables."""
