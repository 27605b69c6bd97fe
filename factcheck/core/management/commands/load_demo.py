from typing import Any

from django.core.management.base import BaseCommand

from factcheck.core.demo_data import load_demo


class Command(BaseCommand):
    help = "Create the demo users, sources and article (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        users, article = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo article #{article.pk}: {article.title}"))
        self.stdout.write("Demo logins:")
        for user in users:
            self.stdout.write(
                f"  {user.role:<9} username: {user.username:<9} password: {user.password}"
            )
