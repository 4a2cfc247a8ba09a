"""Create, check and revoke API tokens.

A token is 32 random bytes from `secrets`, URL-safe (43 characters). Its first eight
characters are kept as the prefix that names it on the pages; the whole secret is stored only
as its SHA-256, so a copy of the database lets no one call the API. A token works while it is
not revoked and its user is active, with exactly that user's capabilities.
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from samverka.api.models import ApiToken
from samverka.audit.recording import log

SECRET_BYTES = 32
# Using a token is recorded at most once a minute, so a busy script does not write on every call.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create(user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`, and its secret: the only time the secret exists in full."""
    while True:
        secret = secrets.token_urlsafe(SECRET_BYTES)
        prefix = secret[: ApiToken.PREFIX_LENGTH]
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    token = ApiToken(user=user, name=name, prefix=prefix, hash=digest(secret))
    token.save()
    log(user, "api.token.created", {"name": name, "prefix": prefix})
    return token, secret


@transaction.atomic
def revoke(token: ApiToken) -> bool:
    """Revoke the token (idempotent); False when it was revoked already."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return False
    token.revoked_at = timezone.now()
    token.save()
    log(token.user, "api.token.revoked", {"name": token.name, "prefix": token.prefix})
    return True


def authenticate(secret: str) -> ApiToken | None:
    """The active token with this secret whose user is active, or None."""
    if not secret or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(hash=digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used >= LAST_USED_RESOLUTION:
        # A plain update: using a token is not a change to log, nor a new version.
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now
    return token
