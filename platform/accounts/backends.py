"""An operator's service account on a site (``accounts.operator``) never signs in by
password, even if someone gave it one: the chain of backends stops here for it."""

from django.core.exceptions import PermissionDenied


class NoOperatorPassword:
    """Before ``ModelBackend``: a password sign-in to an operator's service account is
    refused (``PermissionDenied`` ends ``authenticate``; axes counts a failure)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        from accounts.models import OperatorAccount

        if username and OperatorAccount.objects.filter(user__username=username).exists():
            raise PermissionDenied
        return None

    # no get_user: sessions are never this backend's (force_login and login pick the
    # first backend that has one)
