from django.urls import path

from . import views

app_name = "stories"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("mine/", views.mine, name="mine"),
    path("mine/new/", views.create, name="create"),
    path("mine/<int:pk>/edit/", views.edit, name="edit"),
    path("mine/<int:pk>/unpublish/", views.unpublish, name="unpublish"),
    path("mine/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("digest/stop/<str:token>/", views.digest_stop, name="digest_stop"),
]
