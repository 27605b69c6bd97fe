"""The reviewer, editor and admin groups every role check relies on."""

from django.db import migrations

from factcheck.accounts.roles import GROUP_NAMES, ensure_role_groups


def create_groups(apps, schema_editor):
    ensure_role_groups(apps.get_model("auth", "Group"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_NAMES.values()).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]
    operations = [migrations.RunPython(create_groups, remove_groups)]
