from django.urls import path

from . import views

app_name = "housing"

urlpatterns = [
    path("", views.residence_list, name="list"),
    path("residences/<slug:slug>/", views.residence_detail, name="residence"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("apply/", views.apply, name="apply"),
    path("mine/", views.mine, name="mine"),
    path("offers/<int:pk>/", views.offer, name="offer"),
    path("stays/<int:pk>/", views.booking, name="booking"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("hires/<int:pk>/apply/", views.hire_apply, name="hire_apply"),
]
