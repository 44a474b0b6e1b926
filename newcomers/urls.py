from django.urls import path

from . import views

app_name = "newcomers"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("onboarding/<int:step>/", views.onboarding, name="onboarding"),
    path("profile/", views.profile_view, name="profile"),
    path("checklist/", views.checklist, name="checklist"),
    path("profile/invite-partner/", views.partner_invite, name="partner_invite"),
    path("partner-request/", views.partner_request, name="partner_request"),
    path("partner-request/withdraw/", views.partner_request_withdraw, name="partner_request_withdraw"),
    path("partner-requests/<int:pk>/confirm/", views.partner_request_confirm, name="partner_request_confirm"),
    path("partner-requests/<int:pk>/decline/", views.partner_request_decline, name="partner_request_decline"),
    path("checklist/<int:pk>/", views.checklist_tick, name="checklist_tick"),
    path("contact/", views.contact, name="contact"),
    path("my-data.json", views.data_export, name="export"),
    path("delete-account/", views.account_delete, name="delete"),
]
