from django.urls import path

from samverka.attachments import views

app_name = "attachments"
urlpatterns = [
    path(
        "beslut/<slug:ref>/ny/",
        views.upload,
        {"target": "decision"},
        name="upload_decision",
    ),
    path(
        "sammantrade/<slug:body>/<str:date>/ny/",
        views.upload,
        {"target": "meeting"},
        name="upload_meeting",
    ),
    path("projekt/<slug:code>/ny/", views.upload, {"target": "project"}, name="upload_project"),
    path("<uuid:code>/", views.download, name="download"),
    path("<uuid:code>/ta-bort/", views.delete, name="delete"),
]
