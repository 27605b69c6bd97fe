# Citation moved to the claims app (its table, sources_citation, stays where it is).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("sources", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Citation")], database_operations=[]
        ),
    ]
