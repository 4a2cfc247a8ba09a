from django.urls import path

from samverka.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.index, name="index"),
    path("sammantraden/", views.meeting_list, name="meetings"),
    path("sammantraden/<slug:body>/<str:date>/", views.meeting_detail, name="meeting"),
    path(
        "sammantraden/<slug:body>/<str:date>/punkter/<int:order>/",
        views.agenda_item_edit,
        name="agenda_item_edit",
    ),
    path(
        "sammantraden/<slug:body>/<str:date>/punkter/<int:order>/ta-bort/",
        views.agenda_item_delete,
        name="agenda_item_delete",
    ),
    path("rapportering/", views.obligation_list, name="obligations"),
    # After the fixed paths: a decision is addressed by its code (or id, see Decision.ref).
    path("<slug:ref>/", views.decision_detail, name="decision"),
    path("<slug:ref>/redigera/", views.decision_edit, name="decision_edit"),
]
