from django.urls import path

from accounts import token_views, views

urlpatterns = [
    path("account/", views.account, name="account"),
    path(
        "account/sign-out-everywhere-else/",
        views.sign_out_everywhere_else,
        name="sign_out_everywhere_else",
    ),
    path("account/tokens/", token_views.api_tokens, name="api_tokens"),
    path("account/tokens/<int:pk>/revoke/", token_views.revoke_api_token, name="revoke_api_token"),
]
