from django.urls import path

from . import views

app_name = "retention"

urlpatterns = [
    path("survey/thanks/", views.survey_thanks, name="survey_thanks"),
    path("survey/<str:token>/", views.survey, name="survey"),
    path("moved-away/", views.moved_away, name="moved_away"),
    path("hires/<int:pk>/left/", views.hire_left, name="hire_left"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<slug:key>.csv", views.dashboard_csv, name="dashboard_csv"),
    path("signals/", views.signals, name="signals"),
    path("signals/<int:pk>/<slug:kind>/contacted/", views.signal_contacted, name="signal_contacted"),
    path("hr/signals/", views.hr_signals, name="hr_signals"),
    path("households/<int:pk>/", views.household, name="household"),
    path("hires/<int:pk>/case/", views.hire_case, name="hire_case"),
]
