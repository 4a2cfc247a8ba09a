from django.urls import path

from samverka.orgs import first_run

app_name = "first_run"

urlpatterns = [
    path("", first_run.start, name="start"),
    path("kontrollera/", first_run.check_answers, name="check"),
]
