from django.urls import path

from indicators import views

urlpatterns = [
    path("data/import/", views.value_import, name="value_import"),
    path("data/export.csv", views.values_export, name="values_export"),
    path("data/imports/", views.value_imports, name="value_imports"),
    path("data/import/<int:pk>/", views.value_import_detail, name="value_import_detail"),
    path("data/import/<int:pk>/save/", views.value_import_save, name="value_import_save"),
    path("data/import/<int:pk>/areas/", views.value_import_area, name="value_import_area"),
]
