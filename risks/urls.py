from django.urls import path

from risks.views import actions, edit, escalations, register, reviews

urlpatterns = [
    path("risks/", register.register, name="risks"),
    path("risks/register.csv", register.register_csv, name="risks_csv"),
    path("risks/new/", edit.risk_new, name="risk_new"),
    path("risks/<int:pk>/", register.risk_detail, name="risk_detail"),
    path("risks/<int:pk>/edit/", edit.risk_edit, name="risk_edit"),
    path("risks/<int:pk>/review/", reviews.risk_review, name="risk_review"),
    path("risks/<int:pk>/actions/new/", actions.action_new, name="risk_action_new"),
    path(
        "risks/<int:pk>/actions/<int:action_pk>/edit/",
        actions.action_edit,
        name="risk_action_edit",
    ),
    path(
        "risks/<int:pk>/actions/<int:action_pk>/done/",
        actions.action_done,
        name="risk_action_done",
    ),
]

urlpatterns += [
    path("risks/proposed/", escalations.proposed, name="risks_proposed"),
    path(
        "risks/<int:pk>/proposals/<int:proposal_pk>/decide/",
        escalations.decide,
        name="proposal_decide",
    ),
]
