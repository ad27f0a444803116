from django.apps import AppConfig


class FundsConfig(AppConfig):
    name = "directsupport.funds"
    label = "funds"
    verbose_name = "Individual Service Funds"

    def ready(self) -> None:
        from directsupport.people.person_tabs import register_tabs

        from .person_tabs import TABS

        # This app's tabs on every page about a person (people cannot import this app).
        register_tabs(TABS)

        from directsupport.lib.page_parts import register_parts

        from .person_panels import PANELS

        # Their money and the "Record support given" link on the person's page (the same).
        register_parts(PANELS)

        from .person_records import register_person_records

        # Which of this app's models hold a person's data (subject access, retention).
        register_person_records()

        from directsupport.audit.chain import register_chain

        from .models.ledger import LedgerEntry, LedgerTransaction

        # The ledger is sealed into hash chains like the audit log, so a change made behind
        # the application's back (as the table's owner) shows up in `manage.py verify_records`.
        register_chain("ledger", LedgerEntry)
        register_chain("ledger-transactions", LedgerTransaction)
