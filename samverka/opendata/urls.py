from django.urls import path, register_converter

from samverka.opendata import views


class FormatConverter:
    regex = "json|csv"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "opendata_format")

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("katalog.jsonld", views.catalogue_jsonld, name="catalogue_jsonld"),
    path("katalog.rdf", views.catalogue_rdf, name="catalogue_rdf"),
    path(
        "<int:year>/v<int:revision>/<slug:key>.<opendata_format:fmt>",
        views.versioned,
        name="versioned",
    ),
    path("<int:year>/<slug:key>.<opendata_format:fmt>", views.current_dataset, name="current"),
]
