from django.contrib.auth.models import AbstractUser

from .roles import Role, role_of


class User(AbstractUser):
    """A newsroom member. The role comes from group membership (reviewer/editor/admin)."""

    @property
    def role(self) -> Role:
        return role_of(self)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
