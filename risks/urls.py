from django.urls import path

from risks.views import edit, register

urlpatterns = [
    path("risks/", register.register, name="risks"),
    path("risks/register.csv", register.register_csv, name="risks_csv"),
    path("risks/new/", edit.risk_new, name="risk_new"),
    path("risks/<int:pk>/", register.risk_detail, name="risk_detail"),
    path("risks/<int:pk>/edit/", edit.risk_edit, name="risk_edit"),
]
