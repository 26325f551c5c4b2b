from django.urls import path

from risks import views

urlpatterns = [
    path("risks/", views.register, name="risks"),
    path("risks/register.csv", views.register_csv, name="risks_csv"),
    path("risks/<int:pk>/", views.risk_detail, name="risk_detail"),
]
