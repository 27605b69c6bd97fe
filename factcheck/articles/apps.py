from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "factcheck.articles"

    def ready(self) -> None:
        from factcheck.core.jobs import register_sweeper

        from .bulk import sweep_jobs

        register_sweeper("imports", sweep_jobs)
