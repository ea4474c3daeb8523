"""Browser tests of the built site (a package, so this folder's conftest does not shadow tests/conftest.py)."""
