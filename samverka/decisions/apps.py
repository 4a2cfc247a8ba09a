from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class DecisionsConfig(AppConfig):
    name = "samverka.decisions"
    verbose_name = pgettext_lazy("section", "Beslut")

    def ready(self) -> None:
        from samverka.orgs.periods import period_adopted

        period_adopted.connect(_link_adopted_period, dispatch_uid="decisions.link_period")


def _link_adopted_period(sender, period, decision, **kwargs) -> None:
    """An adoption decision decides the period's budget and plan: record it in the register."""
    from django.utils.translation import gettext as _

    label = _("Budget och verksamhetsplan %(year)s") % {"year": period.year}
    if period.revision:
        label = _("%(label)s, revidering %(n)s") % {"label": label, "n": period.revision}
    decision.link(period, label)
