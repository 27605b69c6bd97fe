"""The default verdict scale: six steps rated 6..1 for ClaimReview, plus Unverifiable
outside the numeric scale. Admins change it afterwards in the Django admin."""

from django.db import migrations

SCALE = [
    ("True", "true", "#1a7f37", 6, "The statement is accurate and nothing significant is missing."),
    ("Mostly true", "mostly-true", "#5a9e2f", 5, "Accurate but needs clarification or context."),
    ("Half true", "half-true", "#b08800", 4, "Partially accurate; leaves out important details."),
    ("Mostly false", "mostly-false", "#d4731c", 3, "Contains an element of truth but misleads."),
    ("False", "false", "#cf222e", 2, "The statement is not accurate."),
    ("Pants on fire", "pants-on-fire", "#8b0a1a", 1, "Not accurate and makes a ridiculous claim."),
    ("Unverifiable", "unverifiable", "#6e7781", None, "The evidence available cannot settle it."),
]


def create_scale(apps, schema_editor):
    VerdictLabel = apps.get_model("claims", "VerdictLabel")
    for order, (name, slug, colour, rating, description) in enumerate(SCALE, start=1):
        VerdictLabel.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "colour": colour,
                "rating_value": rating,
                "description": description,
                "order": order,
            },
        )


def remove_scale(apps, schema_editor):
    apps.get_model("claims", "VerdictLabel").objects.filter(
        slug__in=[row[1] for row in SCALE]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]
    operations = [migrations.RunPython(create_scale, remove_scale)]
