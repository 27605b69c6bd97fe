"""Export routes, included from factcheck/urls.py."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import ClaimExportView, ExportJobViewSet

router = SimpleRouter()
router.register("export-jobs", ExportJobViewSet, basename="export-job")

urlpatterns = [
    path("exports/claims.<str:fmt>", ClaimExportView.as_view(), name="claim-export"),
    *router.urls,
]
