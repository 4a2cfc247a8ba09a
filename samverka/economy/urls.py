from django.urls import path

from samverka.economy import views

app_name = "economy"
urlpatterns = [
    path("<int:year>/", views.plan_view, name="plan"),
    path("<int:year>/enhet/<slug:unit>/", views.unit_view, name="unit"),
    path("<int:year>/scenarier/", views.scenarios, name="scenarios"),
    path("<int:year>/scenarier/<slug:code>/", views.scenario_edit, name="scenario_edit"),
    path("<int:year>/scenarier/<slug:code>/forslag/", views.make_proposal, name="make_proposal"),
    path("<int:year>/jamfor/", views.compare, name="compare"),
    path("<int:year>/medlemsavgifter/", views.member_fees, name="member_fees"),
]
