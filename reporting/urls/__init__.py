from reporting.urls import (
    cycle,
    dashboard,
    indicator_page,
    packs,
    return_page,
    returns_list,
    workbook,
)
from reporting.urls import start as start_urls

urlpatterns = [
    *start_urls.urlpatterns,
    *returns_list.urlpatterns,
    *return_page.urlpatterns,
    *workbook.urlpatterns,
    *cycle.urlpatterns,
    *indicator_page.urlpatterns,
    *dashboard.urlpatterns,
    *packs.urlpatterns,
]
