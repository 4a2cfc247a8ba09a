"""The administrator's user pages: create, correct, give and take roles, deactivate."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from samverka.accounts.models import Role, RoleAssignment
from samverka.audit.models import LogEntry
from samverka.core import testing

pytestmark = pytest.mark.django_db

User = get_user_model()
GOOD_PASSWORD = "Skaraborg-budget-2026"  # noqa: S105


@pytest.fixture
def admin():
    return testing.make_user(Role.ADMIN, username="admin")


@pytest.fixture
def unit():
    return testing.make_unit(testing.make_federation(), name="Kunskapsutveckling")


def _create(client, **data):
    payload = {
        "username": "anna",
        "first_name": "Anna",
        "last_name": "Ek",
        "email": "anna.ek@example.se",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
        "role": Role.READER,
        "unit": "",
    }
    return client.post(reverse("accounts:user_create"), payload | data)


def _entries(user, action):
    return LogEntry.objects.filter(
        content_type__app_label="auth", object_id=str(user.pk), action=action
    )


def test_a_user_created_in_the_app_logs_in_with_its_role(client, admin):
    client.force_login(admin)
    assert client.get(reverse("accounts:user_create")).status_code == 200
    response = _create(client)
    assert response["Location"] == reverse("accounts:user", args=["anna"])
    anna = User.objects.get(username="anna")
    assert (anna.get_full_name(), anna.email) == ("Anna Ek", "anna.ek@example.se")
    assert list(anna.role_assignments.values_list("role", flat=True)) == [Role.READER]
    created = _entries(anna, "accounts.user.created").get()
    assert created.user == admin
    assert "password" not in str(created.data)

    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": "anna", "password": GOOD_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("core:overview")).status_code == 200
    # A reader sees the pages but may not edit.
    assert client.get(reverse("accounts:users")).status_code == 403


def test_a_unit_manager_is_created_with_the_unit_they_lead(client, admin, unit):
    client.force_login(admin)
    _create(client, username="bo", role=Role.UNIT_MANAGER, unit=unit.pk)
    bo = User.objects.get(username="bo")
    assert list(bo.role_assignments.values_list("role", "unit")) == [(Role.UNIT_MANAGER, unit.pk)]
    client.force_login(bo)
    assert client.get(reverse("orgs:unit_edit", args=[unit.code])).status_code == 200


def test_a_unit_manager_without_a_unit_is_refused_and_nothing_is_created(client, admin):
    client.force_login(admin)
    page = _create(client, role=Role.UNIT_MANAGER).content.decode()
    assert 'href="#id_unit"' in page
    assert "Ange vilken enhet enhetschefen leder." in page
    assert not User.objects.filter(username="anna").exists()


def test_a_weak_password_is_refused_by_the_password_validators(client, admin):
    client.force_login(admin)
    page = _create(client, password1="abc", password2="abc").content.decode()
    assert 'href="#id_password1"' in page
    assert "Det här lösenordet är för kort." in page
    assert not User.objects.filter(username="anna").exists()


def test_a_taken_username_and_differing_passwords_are_refused_in_swedish(client, admin):
    client.force_login(admin)
    page = _create(client, username="ADMIN", password2="något annat").content.decode()
    assert "Användarnamnet ADMIN är upptaget." in page
    assert "Lösenorden är inte lika." in page
    assert User.objects.count() == 1


def test_without_a_password_the_administrator_gets_a_link_where_the_user_chooses_one(client, admin):
    client.force_login(admin)
    response = _create(client, password1="", password2="")
    anna = User.objects.get(username="anna")
    assert not anna.has_usable_password()
    link = re.search(
        r'value="http://testserver(/konto/losenord/nytt/[^"]+)"', response.content.decode()
    )
    assert link is not None
    client.logout()
    form = client.get(link.group(1), follow=True)
    assert "Välj lösenord" in form.content.decode()
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD},
    )
    assert response["Location"] == reverse("accounts:password_set_done")
    assert client.login(username="anna", password=GOOD_PASSWORD)
    # The link works once.
    client.logout()
    assert "Länken gäller inte längre" in client.get(link.group(1), follow=True).content.decode()


def test_a_deactivated_user_cannot_log_in_and_is_kept_for_the_audit_log(client, admin):
    anna = testing.make_user(Role.READER, username="anna")
    client.force_login(admin)
    response = client.post(reverse("accounts:user_set_active", args=["anna"]), {"active": "0"})
    assert response.status_code == 302
    anna.refresh_from_db()
    assert not anna.is_active
    assert _entries(anna, "accounts.user.deactivated").get().user == admin
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": "anna", "password": "pw"})
    assert response.status_code == 200
    assert not client.login(username="anna", password="pw")
    client.force_login(admin)
    assert "avaktiverat" in client.get(reverse("accounts:users")).content.decode()
    client.post(reverse("accounts:user_set_active", args=["anna"]), {"active": "1"})
    client.logout()
    assert client.login(username="anna", password="pw")


def test_the_administrator_cannot_lock_themself_out(client, admin):
    client.force_login(admin)
    response = client.post(
        reverse("accounts:user_set_active", args=["admin"]), {"active": "0"}, follow=True
    )
    assert "Du kan inte avaktivera ditt eget konto." in response.content.decode()
    response = client.post(
        reverse("accounts:role_remove", args=["admin"]), {"role": Role.ADMIN}, follow=True
    )
    assert "Du kan inte ta bort din egen administratörsroll" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active and admin.role_assignments.filter(role=Role.ADMIN).exists()


def test_the_administrator_gives_and_takes_roles_and_both_are_logged(client, admin, unit):
    anna = testing.make_user(Role.READER, username="anna")
    client.force_login(admin)
    assert client.get(reverse("accounts:user", args=["anna"])).status_code == 200
    response = client.post(
        reverse("accounts:role_add", args=["anna"]),
        {
            "role-role": Role.UNIT_MANAGER,
            "role-unit": unit.pk,
            "role-description": "",
            "role-seen_version": 0,
        },
    )
    assert response.status_code == 302
    assignment = anna.role_assignments.get(role=Role.UNIT_MANAGER)
    assert assignment.unit == unit
    assert (
        LogEntry.objects.get(
            content_type__model="roleassignment", object_id=str(assignment.pk), action="created"
        ).user
        == admin
    )
    page = client.get(reverse("accounts:user", args=["anna"])).content.decode()
    assert "gav användaren en roll" in page

    client.post(
        reverse("accounts:role_remove", args=["anna"]),
        {"role": Role.UNIT_MANAGER, "unit": unit.code},
    )
    client.post(reverse("accounts:role_remove", args=["anna"]), {"role": Role.READER})
    assert not anna.role_assignments.exists()
    assert _entries(anna, "accounts.role.removed").count() == 2
    client.force_login(anna)
    assert client.get(reverse("core:overview")).status_code == 403


def test_a_role_held_already_or_a_unit_on_a_federation_wide_role_is_refused(client, admin, unit):
    testing.make_user(Role.READER, username="anna")
    client.force_login(admin)
    url = reverse("accounts:role_add", args=["anna"])
    page = client.post(
        url, {"role-role": Role.READER, "role-unit": "", "role-seen_version": 0}
    ).content.decode()
    assert "Användaren har redan rollen läsare." in page
    page = client.post(
        url, {"role-role": Role.CONTROLLER, "role-unit": unit.pk, "role-seen_version": 0}
    ).content.decode()
    assert 'href="#id_role-unit"' in page
    assert "Rollen ekonom gäller hela förbundet; lämna enheten tom." in page
    assert RoleAssignment.objects.filter(user__username="anna").count() == 1


def test_the_administrator_corrects_name_and_email(client, admin):
    anna = testing.make_user(Role.READER, username="anna")
    client.force_login(admin)
    page = client.get(reverse("accounts:user", args=["anna"])).content.decode()
    seen = re.search(r'name="details-seen" value="([^"]*)"', page).group(1)
    response = client.post(
        reverse("accounts:user", args=["anna"]),
        {
            "details-first_name": "Anna",
            "details-last_name": "Ek",
            "details-email": "anna@example.se",
            "details-seen": seen,
        },
    )
    assert response.status_code == 302
    anna.refresh_from_db()
    assert (anna.get_full_name(), anna.email) == ("Anna Ek", "anna@example.se")
    entry = _entries(anna, "accounts.user.updated").get()
    assert entry.data["changes"]["email"] == {"before": "", "after": "anna@example.se"}


def test_a_stale_correction_of_a_user_is_refused_and_shows_the_newer_value(client, admin):
    anna = testing.make_user(Role.READER, username="anna")
    client.force_login(admin)
    page = client.get(reverse("accounts:user", args=["anna"])).content.decode()
    seen = re.search(r'name="details-seen" value="([^"]*)"', page).group(1)
    User.objects.filter(pk=anna.pk).update(email="ny@example.se")
    response = client.post(
        reverse("accounts:user", args=["anna"]),
        {
            "details-first_name": "",
            "details-last_name": "",
            "details-email": "gammal@example.se",
            "details-seen": seen,
        },
    )
    assert "Någon annan har sparat ett nytt värde: ny@example.se" in response.content.decode()
    anna.refresh_from_db()
    assert anna.email == "ny@example.se"


@pytest.mark.parametrize("persona", ["controller", "reader", "unit_manager"])
def test_only_the_administrator_may_manage_users(client, persona, unit):
    users = {
        "controller": testing.make_controller,
        "reader": testing.make_reader,
        "unit_manager": lambda: testing.make_unit_manager(unit),
    }
    client.force_login(users[persona]())
    anna = testing.make_user(Role.READER, username="anna")
    for name in ("accounts:users", "accounts:user_create"):
        assert client.get(reverse(name)).status_code == 403
    assert client.get(reverse("accounts:user", args=["anna"])).status_code == 403
    assert _create(client, username="nybörjare").status_code == 403
    for name, data in (
        ("accounts:user_set_active", {"active": "0"}),
        ("accounts:role_add", {"role-role": Role.ADMIN, "role-seen_version": 0}),
        ("accounts:role_remove", {"role": Role.READER}),
        ("accounts:user_password_link", {}),
    ):
        assert client.post(reverse(name, args=["anna"]), data).status_code == 403
    anna.refresh_from_db()
    assert anna.is_active
    assert list(anna.role_assignments.values_list("role", flat=True)) == [Role.READER]
    assert not User.objects.filter(username="nybörjare").exists()


def test_someone_not_logged_in_is_sent_to_the_login_page(client):
    response = client.get(reverse("accounts:users"))
    assert response["Location"].startswith(reverse("accounts:login"))
