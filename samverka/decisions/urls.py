from django.urls import path

from samverka.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.index, name="index"),
    path("sammantraden/", views.meeting_list, name="meetings"),
    path("sammantraden/<slug:body>/<str:date>/", views.meeting_detail, name="meeting"),
    path("rapportering/", views.obligation_list, name="obligations"),
]
