from django.db import migrations


class Migration(migrations.Migration):
    # The Plan Book's models are the planbook app's now (planbook/0001_initial), with their
    # tables and rows as they were: they leave planning's picture only, nothing is dropped. It
    # runs after every foreign key to them points at planbook's (coproduction/0005).

    dependencies = [
        ("planning", "0003_free_text_limits"),
        ("planbook", "0001_initial"),
        ("coproduction", "0005_plan_book_is_its_own_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PlanBookBatch"),
                migrations.DeleteModel(name="PlanBookVersion"),
            ],
            database_operations=[],
        ),
    ]
