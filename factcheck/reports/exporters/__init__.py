"""The export formats, one module each; EXPORTERS maps a format name to its exporter."""

from __future__ import annotations

from typing import Any

from .base import ExportContext
from .claimreview import ClaimReviewExporter
from .csv_export import CsvExporter
from .jsonl import JsonLinesExporter
from .report import HtmlReportExporter, PdfReportExporter
from .webannotation import WebAnnotationExporter

EXPORTERS: dict[str, Any] = {
    exporter.name: exporter
    for exporter in (
        CsvExporter(),
        JsonLinesExporter(),
        ClaimReviewExporter(),
        WebAnnotationExporter(),
        HtmlReportExporter(),
        PdfReportExporter(),
    )
}

__all__ = ["EXPORTERS", "ExportContext"]
