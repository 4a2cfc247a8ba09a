from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "samverka.budget"
    verbose_name = "Budget"
