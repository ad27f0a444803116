"""Password sign-in, loading the user's organisation with them (it is on every page header)."""

from typing import Any

from django.contrib.auth.backends import ModelBackend

from .models import User


class EmailBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = User.objects.select_related("organisation").filter(pk=user_id).first()
        # Inactive users (leavers) are refused here, on every request, not only at sign-in.
        return user if user is not None and self.user_can_authenticate(user) else None
