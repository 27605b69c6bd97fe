from django.urls import path

from . import public

urlpatterns = [
    path("feed.json", public.feed, name="factcheck-feed"),
    path("corrections", public.corrections_log, name="factcheck-corrections"),
    path("<slug:slug>", public.page, name="factcheck-page"),
]
