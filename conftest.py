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
