"""A repeating week entry's own first date (``WeekEntry.repeats_from``).

Only the column: the existing entries are given their first dates by the funds migration
``0003_week_entries_first_dates``, because the dates that keep today's planned hours are counted
from each person's ISF agreement, which the week app may not read (funds stands above week).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("week", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="weekentry",
            name="repeats_from",
            field=models.DateField(
                blank=True,
                help_text="For an entry that does not happen every week: the first day it happens.",
                null=True,
                verbose_name="First date",
            ),
        ),
    ]
