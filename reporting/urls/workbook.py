from django.urls import path

from reporting.views import workbook

urlpatterns = [
    path("returns/<int:pk>/workbook/", workbook.return_workbook, name="return_workbook"),
    path("returns/<int:pk>/upload/", workbook.return_upload, name="return_upload"),
]
