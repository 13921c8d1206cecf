"""Store fixtures: ``small_disk`` (a real, tiny disk to fill up) lives in tests/conftest.py for every folder."""
