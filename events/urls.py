from django.urls import include, path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("month/", views.event_month, name="month"),
    path("month/<int:year>/<int:month>/", views.event_month, name="month"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/sign-up/", views.event_signup, name="signup"),
    path("<int:pk>/calendar.ics", views.event_ics, name="ics"),
    path("sign-ups/<int:pk>/cancel/", views.signup_cancel, name="cancel"),
    path("mine/", views.my_activities, name="my"),
    path("feeds/", include("events.feed_urls")),
]
