"""Makes the named personas (tests/personas.py) available to every test in the project."""

pytest_plugins = ["tests.personas"]
