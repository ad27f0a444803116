from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "directsupport.accounts"
    label = "accounts"
    verbose_name = "Accounts and organisations"

    def ready(self) -> None:
        # Registers the <id:...> URL converter every app's urls use (lib.ids): here, the first
        # of the project's apps, so it exists before any urls module is imported.
        from directsupport.lib import ids  # noqa: F401

        from .person_records import register_person_records

        # Which of this app's models hold a person's data (subject access, retention).
        register_person_records()
