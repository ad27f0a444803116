"""WSGI entry point (gunicorn directsupport.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directsupport.settings")

application = get_wsgi_application()
