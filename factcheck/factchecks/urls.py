"""API routes of the fact-checks app, included under /api/ by factcheck/urls.py."""

from rest_framework.routers import SimpleRouter

from .views import FactCheckImportViewSet, FactCheckViewSet

router = SimpleRouter()
router.register("fact-checks", FactCheckViewSet, basename="fact-check")
router.register("fact-check-imports", FactCheckImportViewSet, basename="fact-check-import")

urlpatterns = router.urls
