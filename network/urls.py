from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from . import views
from .admin_translation import translation_status_view

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("region.css", views.region_css, name="region_css"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("contact-photo/<int:pk>", views.contact_photo, name="contact_photo"),
    path("region-logo/<int:pk>", views.region_logo, name="region_logo"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("welcome/", views.after_login, name="after_login"),
    path("accounts/", include("allauth.urls")),
    # The coordinator's overview of missing translations, linked from the admin's index.
    path(
        "admin/translations/",
        admin.site.admin_view(translation_status_view),
        name="admin_translation_status",
    ),
    path("admin/", admin.site.urls),
    path("events/", include("events.urls")),
    path("newcomers/", include("newcomers.urls")),
    path("companies/", include("companies.urls")),
    path("mentors/", include("mentors.urls")),
    path("housing/", include("housing.urls")),
    path("careers/", include("careers.urls")),
    path("retention/", include("retention.urls")),
    path("info/", include("network.info_urls")),
    path("municipalities/<slug:slug>/", views.municipality_page, name="municipality"),
    path("stories/", include("stories.urls")),
    path("appointments/", include("appointments.urls")),
    path("reports/", include("reports.urls")),
    prefix_default_language=True,
)
