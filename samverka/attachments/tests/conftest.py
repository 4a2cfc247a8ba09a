import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Every attachment test stores its files in a folder of its own, never in the repository."""
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.core.files.storage import default_storage

    assert str(default_storage.location) == str(tmp_path / "media")
    return default_storage
