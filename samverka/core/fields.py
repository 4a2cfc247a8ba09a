"""Model fields shared by the domain apps."""

from django.db import models

# STYLE.md §5: one convention for every amount. Kronor with öre, up to 999 999 999 999,99.
MONEY_MAX_DIGITS = 14
MONEY_DECIMAL_PLACES = 2


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """An amount in kronor (Decimal). A plain DecimalField, so migrations see no new type."""
    return models.DecimalField(
        verbose_name, max_digits=MONEY_MAX_DIGITS, decimal_places=MONEY_DECIMAL_PLACES, **kwargs
    )
