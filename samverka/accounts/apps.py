from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "samverka.accounts"
    verbose_name = _("Användare och roller")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from samverka.audit.actions import register

        register("accounts.user.created", _("skapade användaren"))
        register("accounts.user.updated", _("ändrade användarens uppgifter"))
        register("accounts.user.deactivated", _("avaktiverade kontot"))
        register("accounts.user.activated", _("aktiverade kontot igen"))
        register("accounts.user.unlocked", _("hävde inloggningsspärren"))
        register("accounts.user.password_link", _("skapade en länk för att välja lösenord"))
        register("accounts.role.added", _("gav användaren en roll"))
        register("accounts.role.removed", _("tog bort en roll från användaren"))
        register("accounts.password.changed", _("bytte sitt lösenord"))
        register("accounts.password.set", _("valde lösenord via länk"))
        register("accounts.sso.user_created", _("skapade användaren vid första inloggningen"))
        register("accounts.sso.role_added", _("gav användaren en roll från inloggningens grupper"))
        register(
            "accounts.sso.role_removed",
            _("tog bort en roll som inloggningens grupper inte längre ger"),
        )
