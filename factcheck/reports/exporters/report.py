"""The printable report (HTML, and the same as PDF through WeasyPrint): a summary table on
top, then per article its claims in order with verdict, rationale and sources with
excerpts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from factcheck.claims.models import Claim

from .base import ExportContext
from .rows import Row, claim_record


def summary(claims: QuerySet[Claim]) -> dict[str, Any]:
    """Counts per article and per verdict, in two aggregate queries."""
    per_article = list(
        claims.values("article_id", "article__title", "article__outlet")
        .annotate(n=Count("id"))
        .order_by("article_id")
    )
    per_verdict = list(
        claims.values("verdict__name", "verdict__colour", "verdict__order")
        .annotate(n=Count("id"))
        .order_by("verdict__order")
    )
    return {
        "articles": per_article,
        "verdicts": per_verdict,
        "total": sum(a["n"] for a in per_article),
    }


class HtmlReportExporter:
    name = "html"
    media_type = "text/html; charset=utf-8"
    extension = "html"
    published_only = False

    def render(self, claims: Iterable[Row], context: ExportContext) -> Iterator[str]:
        yield render_to_string(
            "reports/report_head.html",
            {
                "summary": context.summary,
                "filters": context.filters,
                "organisation": settings.FACTCHECK_ORGANIZATION_NAME,
                "generated": timezone.now(),
            },
        )
        batch: list[dict[str, Any]] = []
        for row in claims:
            if batch and row["article_id"] != batch[0]["article_id"]:
                yield self._article(batch)
                batch = []
            batch.append(
                {
                    **claim_record(row),
                    "colour": row["verdict_colour"] or "#888888",
                    "article_author": row["article_author"],
                }
            )
        if batch:
            yield self._article(batch)
        yield render_to_string("reports/report_foot.html", {})

    def _article(self, claims: list[dict[str, Any]]) -> str:
        return render_to_string(
            "reports/report_article.html", {"article": claims[0], "claims": claims}
        )


class PdfReportExporter:
    name = "pdf"
    media_type = "application/pdf"
    extension = "pdf"
    published_only = False

    def render(self, claims: Iterable[Row], context: ExportContext) -> Iterator[bytes]:  # type: ignore[override]
        # WeasyPrint lays out the whole document at once, so the PDF is built in memory;
        # big ones run as export jobs.
        from weasyprint import HTML

        html = "".join(HtmlReportExporter().render(claims, context))
        yield HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
