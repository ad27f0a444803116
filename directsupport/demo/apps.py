from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo (manage.py seed_demo, demo_logins, demo_totp). Holds no models; the scale data
    generators for benchmarks live in bench/."""

    name = "directsupport.demo"
    label = "demo"
    verbose_name = "Demo data"
