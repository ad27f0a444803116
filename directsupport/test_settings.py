"""Settings for the test suite: the development profile's safe twin (pytest-django loads this)."""

import os

os.environ["DJANGO_ENV"] = "test"

from directsupport.settings import *  # noqa: F403
