from django.apps import AppConfig


class TaggingConfig(AppConfig):
    name = "factcheck.tagging"

    def ready(self) -> None:
        from factcheck.core.jobs import register_sweeper

        from .services import sweep_pending

        register_sweeper("tagging", sweep_pending)
