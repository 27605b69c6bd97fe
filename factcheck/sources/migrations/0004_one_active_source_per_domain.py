# The constraint in a migration of its own: on PostgreSQL an index cannot be built in the
# transaction whose data migration (0003) left deferred foreign-key checks pending.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("sources", "0003_registry_and_captures")]

    operations = [
        migrations.AddConstraint(
            model_name="source",
            constraint=models.UniqueConstraint(
                condition=models.Q(("active", True), models.Q(("domain", ""), _negated=True)),
                fields=("domain",),
                name="one_active_source_per_domain",
                violation_error_message="Another active source already has this domain.",
            ),
        ),
    ]
