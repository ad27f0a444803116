from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and scale data (manage.py seed_demo, demo_logins, generate_scale). Holds no models."""

    name = "directsupport.demo"
    label = "demo"
    verbose_name = "Demo data"
