from django.urls import path

from samverka.cycle import views

app_name = "cycle"
urlpatterns = [
    path("<int:year>/", views.status, name="status"),
    path("<int:year>/starta-nasta-ar/", views.start_next_year, name="start_next_year"),
    path("<int:year>/sammanstall/", views.consolidate, name="consolidate"),
    path("<int:year>/enhet/<slug:unit>/", views.unit, name="unit"),
    path("<int:year>/enhet/<slug:unit>/lamna-in/", views.submit, name="submit"),
    path("<int:year>/enhet/<slug:unit>/godkann/", views.approve, name="approve"),
    path("<int:year>/enhet/<slug:unit>/skicka-tillbaka/", views.send_back, name="send_back"),
    path("<int:year>/enhet/<slug:unit>/kommentar/", views.comment, name="comment"),
    path("<int:year>/enhet/<slug:unit>/text/", views.unit_text, name="unit_text"),
]
