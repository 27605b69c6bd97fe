"""What every exporter is: a name, a file type, and a generator of text chunks over claims.

Exporters never hold the whole export: they take an iterator of claim rows (plain dicts
from claims.selectors.export_rows, fetched in chunks) and yield pieces as they go, so
memory stays flat in the number of rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass
class ExportContext:
    """What an exporter may need besides the claims; `warnings` collects notes for the
    person exporting (they do not stop the export)."""

    total: int = 0
    filters: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def warn(self, message: str) -> None:
        # A few hundred warnings tell the story; a million would be the memory leak.
        if len(self.warnings) < 500:
            self.warnings.append(message)


class Exporter(Protocol):
    name: str
    media_type: str
    extension: str
    published_only: bool

    def render(
        self, claims: Iterable[dict[str, Any]], context: ExportContext
    ) -> Iterator[str | bytes]: ...
