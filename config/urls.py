from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("accounts.urls")),
    path("api/", include("reporting.api.urls")),
    path("public/", include("public.urls")),
    path("", include("indicators.urls")),
    path("", include("targets.urls")),
    path("", include("risks.urls")),
    path("", include("reporting.urls")),
]
