from django.urls import path

from reporting.dashboards.views import blocks, exceptions, indicator_page, indicator_process

urlpatterns = [
    path("exceptions/", exceptions.exceptions, name="exceptions"),
    path("blocks/", blocks.blocks, name="blocks"),
    path("blocks/<slug:slug>/", blocks.block_detail, name="block_detail"),
    path("blocks/<slug:slug>/sub-areas/", blocks.block_sub_areas, name="block_sub_areas"),
    path("indicators/", indicator_page.indicators, name="indicators"),
    path("indicators/<slug:slug>/", indicator_page.indicator_detail, name="indicator_detail"),
    path(
        "indicators/<slug:slug>/process/",
        indicator_process.indicator_process,
        name="indicator_process",
    ),
]
