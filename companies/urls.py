from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    # Public
    path("", views.directory, name="directory"),
    path("members/<slug:slug>/", views.company_detail, name="detail"),
    path("logo/<int:pk>/", views.company_logo, name="logo"),
    path("jobs/", views.job_list, name="jobs"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("campaigns/<slug:slug>/", views.campaign_detail, name="campaign"),
    path("competence-map/", views.competence_map, name="competence_map"),
    path("talent-pool/register/", views.talent_register, name="talent_register"),
    path("talent-pool/confirm/<str:token>/", views.talent_confirm, name="talent_confirm"),
    path("talent-pool/withdraw/<str:token>/", views.talent_withdraw, name="talent_withdraw"),
    path("invitation/<str:token>/", views.hr_invitation, name="hr_invitation"),
    path("welcome/<str:token>/", views.hire_invitation, name="hire_invitation"),
    # HR workspace
    path("hr/", views.hr_dashboard, name="hr_dashboard"),
    path("hr/company/", views.company_edit, name="company_edit"),
    path("hr/leave/", views.hr_leave, name="hr_leave"),
    path("hr/hires/", views.board, name="board"),
    path("hr/hires/new/", views.hire_create, name="hire_create"),
    path("hr/hires/<int:pk>/", views.hire_detail, name="hire_detail"),
    path("hr/hires/<int:pk>/arrived/", views.hire_arrived, name="hire_arrived"),
    path("hr/hires/<int:pk>/left/", views.hire_left, name="hire_left"),
    path("hr/hires/<int:pk>/resend/", views.hire_resend, name="hire_resend"),
    path("hr/jobs/", views.openings, name="openings"),
    path("hr/jobs/new/", views.opening_edit, name="opening_create"),
    path("hr/jobs/<int:pk>/", views.opening_edit, name="opening_edit"),
    path("hr/campaigns/<slug:slug>/", views.campaign_join, name="campaign_join"),
    path("hr/services/", views.services_view, name="services"),
    path("hr/services/new/", views.service_offer_edit, name="service_offer_create"),
    path("hr/services/<int:pk>/", views.service_offer_edit, name="service_offer_edit"),
    path("hr/services/<int:pk>/request/", views.service_request, name="service_request"),
    path("hr/working-groups/", views.working_groups, name="working_groups"),
    path("hr/working-groups/<slug:slug>/", views.working_group_detail, name="working_group"),
    path(
        "hr/working-groups/<slug:slug>/membership/",
        views.working_group_membership,
        name="working_group_membership",
    ),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("hr/talent-pool/", views.talent_search, name="talent_search"),
    path("hr/talent-pool/<int:pk>/interest/", views.talent_interest, name="talent_interest"),
    path("talent-pool/<int:pk>/cv/", views.talent_cv, name="talent_cv"),
]
