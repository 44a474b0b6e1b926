from django.urls import path

from . import views

app_name = "careers"

urlpatterns = [
    path("", views.home, name="home"),
    path("profile/", views.profile_edit, name="profile"),
    path("profile/hide/", views.consent_withdraw, name="consent_withdraw"),
    path("found-work/", views.found_work, name="found_work"),
    path("cv/", views.own_cv, name="own_cv"),
    path("openings/<int:pk>/interest/", views.interest, name="interest"),
    path("openings/<int:pk>/interest/withdraw/", views.interest_withdraw, name="interest_withdraw"),
    path("pool/", views.pool, name="pool"),
    path("pool/<int:pk>/", views.pool_profile, name="pool_profile"),
    path("pool/<int:pk>/cv/", views.pool_cv, name="pool_cv"),
    path("pool/<int:pk>/interest/", views.pool_interest, name="pool_interest"),
    path("weekly-mail/stop/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("overview/", views.overview, name="overview"),
    path("overview.csv", views.overview_csv, name="overview_csv"),
    path(
        "overview-municipalities.csv", views.overview_municipalities_csv, name="overview_municipalities_csv"
    ),
]
