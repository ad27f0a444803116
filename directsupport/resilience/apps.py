from django.apps import AppConfig
from django.core import checks
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class ResilienceConfig(AppConfig):
    name = "directsupport.resilience"
    label = "resilience"
    verbose_name = "Database roles, backups and restores"

    def ready(self) -> None:
        from .checks import check_application_login
        from .login_guard import refuse_privileged_login
        from .signals import grant_after_migrate

        # `manage.py check --deploy --database default`: the application's login is least privilege.
        checks.register(check_application_login, checks.Tags.database, deploy=True)
        # In production the web app and workers refuse a superuser login (see login_guard).
        connection_created.connect(refuse_privileged_login, dispatch_uid="resilience-login-guard")
        # After `migrate --database owner`, the application role's grants cover every new table.
        post_migrate.connect(grant_after_migrate, sender=self, dispatch_uid="resilience-grants")
