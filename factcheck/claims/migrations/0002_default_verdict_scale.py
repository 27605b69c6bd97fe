from django.db import migrations

from factcheck.claims.default_scale import DEFAULT_SCALE, ensure_default_scale


def create_scale(apps, schema_editor):
    ensure_default_scale(apps.get_model("claims", "VerdictLabel"))


def remove_scale(apps, schema_editor):
    apps.get_model("claims", "VerdictLabel").objects.filter(
        slug__in=[row[1] for row in DEFAULT_SCALE]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]
    operations = [migrations.RunPython(create_scale, remove_scale)]
