from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AuditConfig(AppConfig):
    name = "directsupport.audit"
    label = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from .chain import register_chain
        from .maintenance import register_sqlite_guard
        from .models import AuditEvent, DestroyedRecord

        # The SQLite append-only trigger asks this function whether maintenance is on.
        connection_created.connect(register_sqlite_guard, dispatch_uid="audit-sqlite-guard")
        # Tamper-evident hash chains (chain.py); funds registers the ledger's tables itself.
        register_chain("audit", AuditEvent)
        register_chain("destructions", DestroyedRecord)

        from .person_records import register_person_records

        # Which of this app's models hold a person's data (subject access, retention).
        register_person_records()
