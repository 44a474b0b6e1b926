from django.urls import path

from . import info_views

app_name = "info"

urlpatterns = [
    path("", info_views.info_index, name="index"),
    path("search/", info_views.info_search, name="search"),
    path("<slug:slug>/", info_views.info_page, name="page"),
]
