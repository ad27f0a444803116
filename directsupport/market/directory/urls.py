"""The supplier directory: the list, each entry with its services and their parts, a supplier's
own entry, and the directory's terms and districts."""

from django.urls import path

from .views import reference, services, suppliers

SERVICE = "suppliers/<id:supplier_pk>/services/<id:service_pk>/"

urlpatterns = [
    path("suppliers/", suppliers.supplier_list, name="supplier_list"),
    path("suppliers/new/", suppliers.supplier_add, name="supplier_add"),
    path("suppliers/<id:supplier_pk>/", suppliers.supplier_detail, name="supplier"),
    path("suppliers/<id:supplier_pk>/edit/", suppliers.supplier_edit, name="supplier_edit"),
    path("my-entry/", suppliers.my_entry, name="my_entry"),
    path("suppliers/<id:supplier_pk>/services/new/", services.service_add, name="service_add"),
    path(f"{SERVICE}edit/", services.service_edit, name="service_edit"),
    path(f"{SERVICE}remove/", services.service_remove, name="service_remove"),
    path(f"{SERVICE}times/new/", services.schedule_add, name="schedule_add"),
    path(
        f"{SERVICE}times/<id:schedule_pk>/remove/",
        services.schedule_remove,
        name="schedule_remove",
    ),
    path(f"{SERVICE}districts/new/", services.area_add, name="area_add"),
    path(f"{SERVICE}districts/<id:area_pk>/remove/", services.area_remove, name="area_remove"),
    path(f"{SERVICE}prices/new/", services.price_add, name="price_add"),
    path(f"{SERVICE}prices/<id:cost_pk>/remove/", services.price_remove, name="price_remove"),
    path(f"{SERVICE}closures/new/", services.closure_add, name="closure_add"),
    path(
        f"{SERVICE}closures/<id:closure_pk>/remove/",
        services.closure_remove,
        name="closure_remove",
    ),
    path("terms/", reference.term_list, name="terms"),
    path("terms/new/", reference.term_add, name="term_add"),
    path("terms/<id:term_pk>/rename/", reference.term_rename, name="term_rename"),
    path("districts/", reference.district_list, name="districts"),
    path("districts/new/", reference.district_add, name="district_add"),
]
