from django.urls import path

from reporting.plans import views

urlpatterns = [
    path("outcomes/<slug:slug>/", views.outcome_plan, name="outcome_plan"),
    path("outcomes/<slug:slug>/plan/", views.plan_edit, name="plan_edit"),
    path("outcomes/<slug:slug>/actions/add/", views.action_add, name="action_add"),
    path("outcomes/<slug:slug>/actions/<int:pk>/", views.action_edit, name="action_edit"),
    path(
        "outcomes/<slug:slug>/actions/<int:pk>/complete/",
        views.action_complete,
        name="action_complete",
    ),
]
