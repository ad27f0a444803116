import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # Feedback and reviews point at the same Plan Book versions, now the planbook app's (its
    # 0001_initial): the foreign keys and the table they point at are unchanged, so nothing is
    # run on the database (on SQLite an AlterField would rebuild these tables).

    dependencies = [
        ("coproduction", "0004_snapshot_constraints_both_databases"),
        ("planbook", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="feedback",
                    name="plan_version",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="planbook.planbookversion",
                    ),
                ),
                migrations.AlterField(
                    model_name="review",
                    name="next_plan_version",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="planbook.planbookversion",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
