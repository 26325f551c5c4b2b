from django.urls import path

from accounts import views

urlpatterns = [
    path("account/", views.account, name="account"),
    path(
        "account/sign-out-everywhere-else/",
        views.sign_out_everywhere_else,
        name="sign_out_everywhere_else",
    ),
]
