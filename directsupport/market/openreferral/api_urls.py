"""The public Open Referral UK API, mounted at /openreferral/ by the project's urls.py (the
profile's paths, without trailing slashes, as the profile writes them)."""

from django.urls import path

from . import api_views

app_name = "openreferral"

urlpatterns = [
    path("", api_views.api_root, name="root"),
    path("openapi.json", api_views.openapi, name="openapi"),
    path("services", api_views.services, name="services"),
    path("services/<str:id>", api_views.service, name="service"),
    path("service_at_locations", api_views.service_at_locations, name="service_at_locations"),
    path(
        "service_at_locations/<str:id>",
        api_views.service_at_location,
        name="service_at_location",
    ),
    path("taxonomies", api_views.taxonomies, name="taxonomies"),
    path("taxonomies/<str:id>", api_views.taxonomy, name="taxonomy"),
    path("taxonomy_terms", api_views.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:id>", api_views.taxonomy_term, name="taxonomy_term"),
]
