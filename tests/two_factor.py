"""Signing in a test client with both factors, as ``force_login`` does the password.

The admin (and the console) asks a signed-in user for the second factor
(accounts.two_factor). ``verified_login(client, user)`` signs ``user`` in and marks
the session verified with a confirmed authenticator of theirs, made if missing, as
``django_otp.login`` does after a right code. Call it in the user's schema (the
session and the device are the site's)."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def verified_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="thử nghiệm", confirmed=True)


def verified_login(client, user) -> None:
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = verified_device(user).persistent_id
    session.save()
