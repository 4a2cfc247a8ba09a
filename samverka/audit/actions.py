"""Action codes and the Swedish sentences the history pages show for them.

Apps register their own domain actions (e.g. "orgs.period.adopted") in their AppConfig.ready().
"""

from django.utils.translation import gettext_lazy as _

SENTENCES: dict[str, str] = {
    "created": _("skapade"),
    "updated": _("ändrade"),
    "deleted": _("tog bort"),
    "imports.budget_xlsx": _("importerade budgeten från en Excelfil"),
    "imports.survey": _("läste in medlemsenkätens svar"),
    "ledger.sie_imported": _("läste in utfall från en SIE-fil"),
}


def register(action: str, sentence: str) -> None:
    SENTENCES[action] = sentence


def describe(action: str) -> str:
    return str(SENTENCES.get(action, action))
