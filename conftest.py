import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    # A request with a language cookie leaves that language active in the thread afterwards.
    from django.utils import translation

    translation.activate("sv")
    yield
    translation.activate("sv")


@pytest.fixture(autouse=True)
def _empty_cache():
    # The anonymous rate limit counts in the cache: each test starts with no requests counted.
    from django.core.cache import cache

    cache.clear()
    yield
