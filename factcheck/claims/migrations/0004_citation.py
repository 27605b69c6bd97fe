# Citation moved here from the sources app: evidence belongs with the claim it supports.
# State only: the table keeps its name (sources_citation) and its rows.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0003_claim_soft_delete"),
        ("sources", "0002_citation_to_claims"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Citation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("url", models.URLField(blank=True, max_length=2000)),
                        ("excerpt", models.TextField(blank=True)),
                        (
                            "locator",
                            models.CharField(
                                blank=True, help_text="Page, table, section…", max_length=300
                            ),
                        ),
                        (
                            "stance",
                            models.CharField(
                                choices=[
                                    ("supports", "Supports"),
                                    ("contradicts", "Contradicts"),
                                    ("context", "Context"),
                                ],
                                default="supports",
                                max_length=16,
                            ),
                        ),
                        ("accessed_at", models.DateTimeField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "added_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "claim",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="citations",
                                to="claims.claim",
                            ),
                        ),
                        (
                            "source",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="citations",
                                to="sources.source",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "sources_citation",
                        "ordering": ["claim", "created_at", "id"],
                    },
                ),
            ],
        ),
    ]
