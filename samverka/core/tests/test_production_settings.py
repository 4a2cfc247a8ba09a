"""Production's settings, read in a fresh process with production's environment: Django's
deployment checks pass, and each setting they ask for is really what makes them pass."""

import pytest

from samverka.core.tests._settings import deploy_check, settings_in


def test_production_passes_djangos_deployment_checks_at_warning_level(tmp_path):
    result = deploy_check(tmp_path)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("setting", "warning"),
    [
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"SECURE_SSL_REDIRECT": "False"}, "security.W008"),
        ({"SECURE_HSTS_INCLUDE_SUBDOMAINS": "False"}, "security.W005"),
        ({"SESSION_COOKIE_SECURE": "False"}, "security.W012"),
        ({"CSRF_COOKIE_SECURE": "False"}, "security.W016"),
    ],
)
def test_turning_off_one_protection_fails_the_deployment_check_with_its_warning(
    tmp_path, setting, warning
):
    result = deploy_check(tmp_path, **setting)
    assert result.returncode != 0
    assert warning in result.stderr + result.stdout


def test_production_trusts_x_forwarded_proto_only_when_told_it_runs_behind_a_tls_proxy(
    tmp_path,
):
    names = ["SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"]
    direct = settings_in(tmp_path, names)
    assert direct == {
        "SECURE_PROXY_SSL_HEADER": None,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
    }
    behind = settings_in(tmp_path, names, SAMVERKA_BEHIND_TLS_PROXY="True")
    assert behind["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_development_neither_redirects_to_https_nor_sends_hsts(tmp_path):
    found = settings_in(
        tmp_path,
        ["SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE"],
        SAMVERKA_ENV="development",
    )
    assert found == {
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SESSION_COOKIE_SECURE": False,
    }


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_except_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/konto/logga-in/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/konto/logga-in/"
    assert client.get("/halsa/").status_code == 200


@pytest.mark.django_db
def test_behind_a_tls_proxy_its_https_header_counts_and_the_answer_carries_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/konto/logga-in/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
