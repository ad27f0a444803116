"""The personas live in tests/personas.py (loaded for every test by the root conftest.py)."""

from tests.personas import sign_in

__all__ = ["sign_in"]
