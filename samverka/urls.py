from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("samverka.core.urls")),
    path("konto/aviseringar/", include("samverka.notifications.urls")),
    path("konto/", include("samverka.accounts.urls")),
    path("oidc/", include("samverka.accounts.sso_urls")),
    path("organisation/", include("samverka.orgs.urls")),
    path("kom-igang/", include("samverka.orgs.first_run_urls")),
    path("budget/", include("samverka.budget.urls")),
    path("budgetprocess/", include("samverka.cycle.urls")),
    path("ekonomi/", include("samverka.economy.urls")),
    path("mal/", include("samverka.goals.urls")),
    path("plan/", include("samverka.plan.urls")),
    path("beslut/", include("samverka.decisions.urls")),
    path("projekt/", include("samverka.portfolio.urls")),
    path("utfall/", include("samverka.ledger.urls")),
    path("rapporter/", include("samverka.reports.urls")),
    path("rapporter/", include("samverka.reports.text_urls")),
    path("historik/", include("samverka.audit.urls")),
    path("bilagor/", include("samverka.attachments.urls")),
    path("jobb/", include("samverka.jobs.urls")),
    path("api/", include("samverka.api.urls")),
    path("oppna-data/", include("samverka.opendata.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# The 500 page renders without the database or context processors (see core.views).
handler500 = "samverka.core.views.server_error"
