"""Consent history belongs to the person and keeps the member's name, so removing someone from
the circle no longer deletes the record of what the person decided about them."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def fill_person_and_name(apps: Any, schema_editor: Any) -> None:
    ConsentDecision = apps.get_model("people", "ConsentDecision")
    for decision in ConsentDecision.objects.select_related("member").iterator():
        decision.person_id = decision.member.person_id
        decision.member_name = decision.member.name
        decision.save(update_fields=["person", "member_name"])


class Migration(migrations.Migration):
    dependencies = [("people", "0003_person_name_search_index")]

    operations = [
        migrations.AddField(
            model_name="consentdecision",
            name="person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="consent_decisions",
                to="people.person",
            ),
        ),
        migrations.AddField(
            model_name="consentdecision",
            name="member_name",
            field=models.CharField(default="", max_length=150),
            preserve_default=False,
        ),
        migrations.RunPython(fill_person_and_name, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="consentdecision",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="consent_decisions",
                to="people.person",
            ),
        ),
        migrations.AlterField(
            model_name="consentdecision",
            name="member",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="decisions",
                to="people.circlemember",
            ),
        ),
    ]
