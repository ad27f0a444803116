from django.apps import AppConfig


class MarketConfig(AppConfig):
    name = "directsupport.market"
    label = "market"
    verbose_name = "Market shaping"
