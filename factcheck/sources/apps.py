from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "factcheck.sources"

    def ready(self) -> None:
        from factcheck.core.jobs import register_sweeper

        from .capture import sweep_captures

        register_sweeper("captures", sweep_captures)
