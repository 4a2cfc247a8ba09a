"""schemathesis against the API's own OpenAPI schema, with the Skaraborg data and a
controller's token: for every operation, generated requests (valid ones, and ones that break
the schema) never get a server error, and every answer – status, content type and body – is
the one the schema documents.

Each request runs in a savepoint that is rolled back, so a generated write cannot change what
the next request meets. Few examples per operation, derandomized: about half a minute.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from samverka.api.testing import token_for
from samverka.core import testing
from samverka.core.seeding import load_skaraborg

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = {schemathesis.GenerationMode.POSITIVE: 5, schemathesis.GenerationMode.NEGATIVE: 2}


@pytest.fixture
def wsgi_application():
    """Django's WSGI application, kept from closing the test's database connection at the end
    of each request (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_every_operation_answers_as_its_schema_says(wsgi_application):
    load_skaraborg()
    headers = {"Authorization": f"Bearer {token_for(testing.make_controller())}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_application)

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40
    for operation in operations:
        for mode, examples in EXAMPLES.items():
            _exercise(operation, mode, examples, headers)


def _exercise(operation, mode, examples, headers) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_as_documented(case):
        with transaction.atomic():
            response = case.call(headers=headers)
            transaction.set_rollback(True)
        case.validate_response(response, checks=CHECKS, headers=headers)

    answers_as_documented()
