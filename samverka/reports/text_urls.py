from django.urls import path

from samverka.reports import text_views

# Mounted under /rapporter/ beside the reports' own pages.
app_name = "plan_texts"
urlpatterns = [
    path("<int:year>/texter/", text_views.index, name="index"),
    path("<int:year>/texter/kopiera/", text_views.copy, name="copy"),
    path(
        "<int:year>/texter/enhet/<slug:unit>/",
        text_views.edit,
        {"section": "enhet"},
        name="unit",
    ),
    path("<int:year>/texter/<slug:section>/", text_views.edit, name="edit"),
]
