from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "directsupport.accounts"
    label = "accounts"
    verbose_name = "Accounts and organisations"
