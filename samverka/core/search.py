"""The header search: decisions, projects, documents (attachments), activities, indicators,
units and members.

Matching is done in Python on casefolded, NFKC-normalised text, not with `icontains`: SQLite's
LIKE folds case for ASCII only ("Lidköping" would not match "LIDKÖPING"), and PostgreSQL's
UPPER() depends on the database's collation. Casefolding in Python gives the same, correct
answer for å, ä and ö on both databases, without a search column in five apps' tables. A
federation has hundreds of these objects, not millions: one query per kind, filtered in
memory, answers in milliseconds.

A query matches an object when every word of it occurs in the object's text (its name or
title, code and description); hits whose name matches come first.
"""

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAX_QUERY = 200
MAX_SHOWN = 50


@dataclass(frozen=True)
class Hit:
    name: str
    url: str
    detail: str = ""


@dataclass
class Group:
    key: str
    label: str
    count: int
    hits: list[Hit] = field(default_factory=list)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    queryset: Callable[[], QuerySet]
    name: Callable[[Model], str]
    texts: Callable[[Model], Iterable[str]]
    url: Callable[[Model], str]
    detail: Callable[[Model], str] = lambda obj: ""


def normalise(text: str) -> str:
    """Casefolded and composed, so "Å" (one code point or A + ring) matches "å"."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def terms(query: str) -> list[str]:
    return normalise(query[:MAX_QUERY]).split()


def _kinds() -> list[Kind]:
    # Imported here: core is imported by every app, and these models import core in turn.
    from samverka.attachments.models import Attachment
    from samverka.attachments.targets import page_url
    from samverka.decisions.models import Decision
    from samverka.goals.models import Indicator
    from samverka.orgs.models import Member, Unit
    from samverka.plan.models import Activity
    from samverka.portfolio.models import Project

    return [
        Kind(
            "decisions",
            _("Beslut"),
            lambda: Decision.objects.select_related("body").order_by("-date"),
            lambda d: d.title,
            lambda d: (d.title, d.text, d.number, d.code or "", d.reference_number),
            lambda d: d.get_absolute_url(),
            lambda d: " · ".join(
                x
                for x in (
                    f"{d.date:%Y-%m-%d}",
                    d.body.name if d.body else "",
                    d.number,
                    d.reference_number,
                )
                if x
            ),
        ),
        Kind(
            "projects",
            _("Projekt"),
            lambda: Project.objects.order_by("name"),
            lambda p: p.name,
            lambda p: (p.name, p.code, p.description),
            lambda p: reverse("portfolio:project", args=[p.code]),
            lambda p: p.get_status_display(),
        ),
        Kind(
            "attachments",
            _("Handlingar"),
            # Shown where they belong; one whose object is gone (a failed cascade) is left out.
            lambda: Attachment.objects.prefetch_related("target").order_by("-uploaded_at"),
            lambda a: a.title,
            lambda a: (a.title, a.reference_number, a.original_name) if a.target else (),
            lambda a: f"{page_url(a.target)}#bilagor",
            lambda a: " · ".join(
                x for x in (str(a.get_kind_display()), a.reference_number, str(a.target)) if x
            ),
        ),
        Kind(
            "activities",
            _("Aktiviteter"),
            lambda: Activity.objects.select_related("priority_area", "unit").order_by(
                "priority_area__period__year", "sort_order", "title"
            ),
            lambda a: a.title,
            lambda a: (a.title, a.code, a.description),
            lambda a: reverse("plan:activity", args=[a.code]),
            lambda a: " · ".join(x for x in (a.priority_area.title, a.unit and a.unit.name) if x),
        ),
        Kind(
            "indicators",
            _("Indikatorer"),
            lambda: Indicator.objects.order_by("name"),
            lambda i: i.name,
            lambda i: (i.name, i.code, i.description),
            lambda i: reverse("goals:indicator", args=[i.code]),
        ),
        Kind(
            "units",
            _("Enheter"),
            lambda: Unit.objects.all(),
            lambda u: u.name,
            lambda u: (u.name, u.code, u.description),
            lambda u: reverse("orgs:unit", args=[u.code]),
        ),
        Kind(
            "members",
            _("Medlemskommuner"),
            lambda: Member.objects.order_by("name"),
            lambda m: m.name,
            lambda m: (m.name, m.municipality_code),
            lambda m: reverse("orgs:member", args=[m.municipality_code]),
            lambda m: m.municipality_code,
        ),
    ]


def search(query: str) -> list[Group]:
    """The kinds with at least one hit, in a fixed order, each with its total count."""
    words = terms(query)
    if not words:
        return []
    groups = []
    for kind in _kinds():
        matched = []
        for obj in kind.queryset():
            text = normalise(" ".join(t for t in kind.texts(obj) if t))
            if all(word in text for word in words):
                in_name = all(word in normalise(kind.name(obj)) for word in words)
                matched.append((not in_name, obj))
        if not matched:
            continue
        matched.sort(key=lambda pair: pair[0])  # stable: keeps the kind's own order within
        hits = [
            Hit(kind.name(obj), kind.url(obj), kind.detail(obj))
            for _rest, obj in matched[:MAX_SHOWN]
        ]
        groups.append(Group(kind.key, str(kind.label), len(matched), hits))
    return groups
