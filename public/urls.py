from django.urls import path

from public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("indicators/<slug:slug>/", views.indicator, name="indicator"),
    path("data.csv", views.data_csv, name="data_csv"),
    path("data.json", views.data_json, name="data_json"),
    path("feed.atom", views.feed, name="feed"),
    path("manage/", views.manage, name="manage"),
    path("manage/<slug:slug>/", views.manage_indicator, name="manage_indicator"),
]
