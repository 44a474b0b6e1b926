from django.urls import path

from . import views

app_name = "appointments"

urlpatterns = [
    path("", views.index, name="index"),
    path("times/<int:pk>/book/", views.book, name="book"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("mine/<int:pk>/move/", views.move, name="move"),
]
