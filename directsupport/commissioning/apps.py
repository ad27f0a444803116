from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "directsupport.commissioning"
    label = "commissioning"
    verbose_name = "Commissioning: quotes, offers, contracts, joint procurement"
