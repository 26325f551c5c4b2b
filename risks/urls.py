from django.urls import path

from risks.views import edit, escalations, register

urlpatterns = [
    path("risks/", register.register, name="risks"),
    path("risks/register.csv", register.register_csv, name="risks_csv"),
    path("risks/new/", edit.risk_new, name="risk_new"),
    path("risks/<int:pk>/", register.risk_detail, name="risk_detail"),
    path("risks/<int:pk>/edit/", edit.risk_edit, name="risk_edit"),
]

urlpatterns += [
    path("risks/proposed/", escalations.proposed, name="risks_proposed"),
    path(
        "risks/<int:pk>/proposals/<int:proposal_pk>/decide/",
        escalations.decide,
        name="proposal_decide",
    ),
]
