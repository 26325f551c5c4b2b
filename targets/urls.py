from django.urls import path

from targets.framework_import import views

urlpatterns = [
    path("data/framework/", views.framework_import, name="framework_import"),
    path("data/framework/imports/", views.framework_imports, name="framework_imports"),
    path("data/framework/template.xlsx", views.framework_template, name="framework_template"),
    path("data/framework/<int:pk>/", views.framework_import_detail, name="framework_import_detail"),
    path(
        "data/framework/<int:pk>/save/", views.framework_import_save, name="framework_import_save"
    ),
]
