from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "directsupport.funds"
    label = "funds"
    verbose_name = "Individual Service Funds"
