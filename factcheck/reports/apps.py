from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "factcheck.reports"

    def ready(self) -> None:
        from factcheck.core.jobs import register_sweeper

        from .services import sweep_jobs

        register_sweeper("exports", sweep_jobs)
