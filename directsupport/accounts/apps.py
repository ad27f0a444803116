from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "directsupport.accounts"
    label = "accounts"
    verbose_name = "Accounts and organisations"

    def ready(self) -> None:
        from .person_records import register_person_records

        # Which of this app's models hold a person's data (subject access, retention).
        register_person_records()
