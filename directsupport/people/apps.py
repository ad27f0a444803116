from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "directsupport.people"
    label = "people"
    verbose_name = "People supported and their circles"
