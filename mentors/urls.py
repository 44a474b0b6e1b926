from django.urls import path

from . import views

app_name = "mentors"

urlpatterns = [
    path("", views.about, name="about"),
    path("volunteer/apply/", views.volunteer_apply, name="volunteer_apply"),
    path("volunteer/", views.volunteer_home, name="volunteer_home"),
    path("volunteer/status/", views.volunteer_status, name="volunteer_status"),
    path("ask/", views.request_create, name="request_create"),
    path("requests/<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("matches/<int:pk>/answer/", views.match_answer, name="match_answer"),
    path("matches/<int:pk>/end/", views.match_end, name="match_end"),
    path("answer/<str:token>/", views.link_answer, name="link_answer"),
    path("how-is-it-going/<str:token>/", views.follow_up, name="follow_up"),
    path("hires/<int:pk>/suggest/", views.hire_suggest, name="hire_suggest"),
]
