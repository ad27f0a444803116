from django.db import migrations

MODELS = ("planbookversion", "planbookbatch")
# django-tasks keeps each task's import path in its rows; the tasks moved with the Plan Book.
TASK_PATHS = {
    "directsupport.planning.tasks.start_plan_book_batch": (
        "directsupport.planbook.tasks.start_plan_book_batch"
    ),
    "directsupport.planning.tasks.make_batch_plan_book": (
        "directsupport.planbook.tasks.make_batch_plan_book"
    ),
}


def _move_content_types(apps, schema_editor, old: str, new: str) -> None:
    """The content types keep their ids (so permissions granted on Plan Books, and anything else
    keyed on them, follow) and take the new app label. Where the new label has one already (a
    database that ran the first half of this move alone), the old one is left for
    remove_stale_contenttypes."""
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if content_type.objects.filter(app_label=new, model=model).exists():
            continue
        content_type.objects.filter(app_label=old, model=model).update(app_label=new)
    content_type.objects.clear_cache()


def _move_task_paths(apps, old_to_new: dict[str, str]) -> None:
    """Tasks waiting (and the results of those run) name the module the worker imports."""
    task_result = apps.get_model("django_tasks_database", "DBTaskResult")
    for old, new in old_to_new.items():
        task_result.objects.filter(task_path=old).update(task_path=new)


def forwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, "planning", "planbook")
    _move_task_paths(apps, TASK_PATHS)


def backwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, "planbook", "planning")
    _move_task_paths(apps, {new: old for old, new in TASK_PATHS.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("planbook", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
