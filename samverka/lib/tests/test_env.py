"""DATABASE_URL carries the connection settings an installation tunes: how long a connection
is kept, whether it is tested before reuse, and TLS to the database."""

import pytest

from samverka.lib.env import database_from_url


def test_a_plain_url_keeps_connections_a_minute_and_tests_them_before_reuse():
    database = database_from_url("postgres://samverka:hemligt@db.example.se:5433/samverka")
    assert database["NAME"] == "samverka"
    assert database["HOST"] == "db.example.se"
    assert database["PORT"] == "5433"
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["OPTIONS"] == {}


def test_options_set_the_connection_lifetime_health_checks_and_sslmode():
    database = database_from_url(
        "postgres://u:p@h/samverka?conn_max_age=600&conn_health_checks=false&sslmode=require"
    )
    assert database["CONN_MAX_AGE"] == 600
    assert database["CONN_HEALTH_CHECKS"] is False
    assert database["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("conn_max_age=forever", "conn_max_age must be whole seconds"),
        ("conn_health_checks=yes", "conn_health_checks must be true or false"),
        ("pool=10", "unknown options: pool"),
    ],
)
def test_a_misspelt_option_is_refused_by_name(query, message):
    with pytest.raises(ValueError, match=message):
        database_from_url(f"postgres://u:p@h/samverka?{query}")
