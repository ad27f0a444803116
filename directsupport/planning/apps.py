from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "directsupport.planning"
    label = "planning"
    verbose_name = "Planning Live and Plan Books"
