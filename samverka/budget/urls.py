from django.urls import path

from samverka.budget import views

app_name = "budget"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.period_detail, name="period"),
    path("<int:year>/enhet/<slug:unit>/", views.unit_detail, name="unit"),
    path("<int:year>/enhet/<slug:unit>/ny-rad/", views.line_add, name="line_add"),
    path("<int:year>/enhet/<slug:unit>/rad/<slug:line>/", views.line_edit, name="line_edit"),
    path("<int:year>/overhead/", views.overhead, name="overhead"),
    path("<int:year>/forutsattningar/", views.assumptions_edit, name="assumptions_edit"),
    path("<int:year>/medlemsavgifter/", views.fee_list, name="fees"),
    path(
        "<int:year>/medlemsavgifter/debiteringsunderlag.xlsx",
        views.fee_invoice_xlsx,
        name="fee_invoice",
    ),
    path("<int:year>/medlemsavgifter/<slug:unit>/", views.fee_share_edit, name="fee_share_edit"),
    path("<int:year>/finansiella-mal/", views.targets_view, name="targets"),
    path("<int:year>/balansrakning/", views.balance_sheet_edit, name="balance_sheet_edit"),
    path("<int:year>/versioner/", views.version_list, name="versions"),
    path("<int:year>/budget.xlsx", views.export_xlsx, name="export"),
    path("<int:year>/import/", views.import_xlsx, name="import"),
]
