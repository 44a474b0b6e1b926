from django.urls import path

from . import feeds

# Included by events/urls.py under "feeds/", so these names live in the "events" namespace.
urlpatterns = [
    path("calendar.ics", feeds.feed_public, name="feed"),
    path("personal/<slug:token>.ics", feeds.feed_personal, name="feed_personal"),
    path("personal/new/", feeds.feed_token_regenerate, name="feed_token_regenerate"),
    path("personal/off/", feeds.feed_token_revoke, name="feed_token_revoke"),
]
