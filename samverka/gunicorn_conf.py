"""gunicorn's configuration for Samverka, read from the environment only.

`samverka serve` runs gunicorn with exactly this module, so these two start the same server:

    samverka serve
    gunicorn -c python:samverka.gunicorn_conf      # after `samverka setup`

| variable | meaning | default |
|---|---|---|
| SAMVERKA_BIND | host:port or unix:/path, comma-separated for several | 127.0.0.1:8000 |
| SAMVERKA_WORKERS | worker processes | the CPU cores this process may use |
| SAMVERKA_THREADS | threads per worker (gthread) | 4 |
| SAMVERKA_TIMEOUT | seconds a request may take before its worker is restarted | 60 |
| SAMVERKA_GRACEFUL_TIMEOUT | seconds a stopping worker gets to finish its requests | 30 |
| SAMVERKA_KEEPALIVE | seconds an idle connection from the proxy is kept open | 5 |
| SAMVERKA_TRUSTED_PROXIES | proxies whose X-Forwarded-Proto/-For are believed | 127.0.0.1,::1 |

Workers = cores, not gunicorn's 2 × cores + 1: that rule is for sync workers, where a worker
waiting on the database serves nobody. Here each worker has threads (gthread) that overlap the
database waits, so processes are needed only for the CPU work – template rendering and table
arithmetic in Python, which one process cannot spread over cores because of the GIL. More
processes than cores would only add memory (about 100 MB each) and database connections.
"""

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, got {value!r}") from None
    if number < 1:
        raise ValueError(f"{name} must be at least 1, got {number}")
    return number


def cores() -> int:
    """The cores this process may run on (a CPU set or container limit counts), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


wsgi_app = "samverka.wsgi:application"
bind = [b.strip() for b in os.environ.get("SAMVERKA_BIND", "127.0.0.1:8000").split(",") if b]
workers = _int("SAMVERKA_WORKERS", cores())
threads = _int("SAMVERKA_THREADS", 4)
worker_class = "gthread"
timeout = _int("SAMVERKA_TIMEOUT", 60)
graceful_timeout = _int("SAMVERKA_GRACEFUL_TIMEOUT", 30)
keepalive = _int("SAMVERKA_KEEPALIVE", 5)

# The proxy in front sets X-Forwarded-Proto; gunicorn believes it only from these addresses, and
# then tells Django the request was https (request.is_secure(), secure cookies, CSRF).
forwarded_allow_ips = os.environ.get("SAMVERKA_TRUSTED_PROXIES", "") or "127.0.0.1,::1"

# The access log goes to stdout and errors to stderr: the service manager (journald) keeps them.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
loglevel = "info"
proc_name = "samverka"

# gunicorn's control socket lives at one path per user ($HOME/.gunicorn/gunicorn.ctl), so two
# instances on one machine would take each other's; the service manager's signals suffice.
control_socket_disable = True

# Code is loaded in each worker, not in the master, so SIGHUP (systemctl reload) starts workers
# with the new code while the listening socket stays open: an upgrade refuses no connection.
preload_app = False


def post_worker_init(worker) -> None:
    # Django, the apps and their caches are loaded now and live as long as the worker: moved
    # out of the collector's generations, a full collection no longer walks them. In the
    # one-user benchmark the full collections were the 95th percentile's extra 110–140 ms.
    import gc

    gc.freeze()


# Templates are compiled and modules imported on first use, so a worker's long-lived heap grows
# over its first requests; after these it is frozen once more (see post_request).
FREEZE_AGAIN_AFTER = 100


def post_request(worker, req, environ, resp) -> None:
    served = getattr(worker, "samverka_served", 0) + 1
    worker.samverka_served = served
    if served == FREEZE_AGAIN_AFTER:
        import gc

        gc.collect()  # garbage now would otherwise be frozen with the rest, for good
        gc.freeze()
