from django.apps import AppConfig


class WeekConfig(AppConfig):
    name = "directsupport.week"
    label = "week"
    verbose_name = "My Perfect Week and the rate card"
