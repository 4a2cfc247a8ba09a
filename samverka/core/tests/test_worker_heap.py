"""A worker freezes its loaded heap, and again once its first requests have loaded the rest,
so that full garbage collections stop walking objects that live as long as the worker."""

import gc
from types import SimpleNamespace

from samverka import gunicorn_conf


def test_a_worker_freezes_its_heap_at_start_and_again_after_its_first_requests():
    worker = SimpleNamespace()
    gc.unfreeze()
    try:
        gunicorn_conf.post_worker_init(worker)
        at_start = gc.get_freeze_count()
        assert at_start > 0
        # Counted in ten thousands: the interpreter itself may move the odd object meanwhile.
        many = 10_000
        templates_compiled_later = [[i] for i in range(many)]
        for _ in range(gunicorn_conf.FREEZE_AGAIN_AFTER - 1):
            gunicorn_conf.post_request(worker, None, {}, None)
        assert gc.get_freeze_count() < at_start + many
        gunicorn_conf.post_request(worker, None, {}, None)
        assert gc.get_freeze_count() >= at_start + len(templates_compiled_later)
        frozen = gc.get_freeze_count()
        created_after = [[i] for i in range(many)]
        gunicorn_conf.post_request(worker, None, {}, None)
        assert gc.get_freeze_count() < frozen + len(created_after)  # once, not every request
    finally:
        gc.unfreeze()
