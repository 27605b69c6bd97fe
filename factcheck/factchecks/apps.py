from django.apps import AppConfig


class FactChecksConfig(AppConfig):
    name = "factcheck.factchecks"
    verbose_name = "Fact-checks"
