from django.urls import path

from samverka.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.index, name="index"),
    path("dokument/<int:year>/", views.start_document, name="start_document"),
    path("kolada/", views.start_kolada, name="start_kolada"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/fil/", views.download, name="download"),
]
