import pytest


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run a block and send what it notified (on_commit), as a request's commit would."""
    from contextlib import contextmanager

    @contextmanager
    def block():
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return block
