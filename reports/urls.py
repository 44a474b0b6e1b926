from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("yearly/", views.yearly, name="yearly"),
    path("yearly/<int:year>.csv", views.yearly_csv, name="yearly_csv"),
    path("yearly/<int:year>.pdf", views.yearly_pdf, name="yearly_pdf"),
]
