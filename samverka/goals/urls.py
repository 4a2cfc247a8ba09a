from django.urls import path

from samverka.goals import views

app_name = "goals"
urlpatterns = [
    path("", views.index, name="index"),
]
