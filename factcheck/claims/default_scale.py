"""The default verdict scale: six steps rated 6..1 for ClaimReview, plus Unverifiable
outside the numeric scale. Admins change it afterwards in the Django admin."""

from __future__ import annotations

from typing import Any

# (name, slug, colour, ClaimReview ratingValue, description)
DEFAULT_SCALE = [
    ("True", "true", "#1a7f37", 6, "The statement is accurate and nothing significant is missing."),
    ("Mostly true", "mostly-true", "#5a9e2f", 5, "Accurate but needs clarification or context."),
    ("Half true", "half-true", "#b08800", 4, "Partially accurate; leaves out important details."),
    ("Mostly false", "mostly-false", "#d4731c", 3, "Contains an element of truth but misleads."),
    ("False", "false", "#cf222e", 2, "The statement is not accurate."),
    ("Pants on fire", "pants-on-fire", "#8b0a1a", 1, "Not accurate and makes a ridiculous claim."),
    ("Unverifiable", "unverifiable", "#6e7781", None, "The evidence available cannot settle it."),
]


def ensure_default_scale(verdict_label_model: Any) -> None:
    """Create the default labels that are missing; never touches edited ones."""
    for order, (name, slug, colour, rating, description) in enumerate(DEFAULT_SCALE, start=1):
        verdict_label_model.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "colour": colour,
                "rating_value": rating,
                "description": description,
                "order": order,
            },
        )
