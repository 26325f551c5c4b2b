from django.urls import path

from risks import views

urlpatterns = [
    path("risks/", views.register, name="risks"),
    path("risks/register.csv", views.register_csv, name="risks_csv"),
    path("risks/new/", views.risk_new, name="risk_new"),
    path("risks/<int:pk>/", views.risk_detail, name="risk_detail"),
    path("risks/<int:pk>/edit/", views.risk_edit, name="risk_edit"),
]
