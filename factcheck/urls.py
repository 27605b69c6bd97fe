from django.contrib import admin
from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from factcheck.accounts.views import LoginView, LogoutView, MeView, admin_login
from factcheck.articles.views import ArticleViewSet
from factcheck.articles.views_imports import ImportJobViewSet
from factcheck.articles.views_work import MyWorkSeenView, MyWorkView, PeopleView
from factcheck.claims.views import ClaimViewSet, VerdictLabelViewSet
from factcheck.claims.views_citations import CitationViewSet
from factcheck.core import health
from factcheck.core.frontend import spa
from factcheck.core.schema import DocsView, SchemaView
from factcheck.sources.views import SourceViewSet, capture_view
from factcheck.tagging.views import ArticleCandidatesView, ArticleTaggingView, CandidateViewSet

# Errors that never reached DRF (a body too big read by a middleware, an unknown /api/
# path) still answer JSON.
handler400 = "factcheck.core.exceptions.bad_request"
handler403 = "factcheck.core.exceptions.permission_denied"
handler404 = "factcheck.core.exceptions.not_found"
handler500 = "factcheck.core.exceptions.server_error"

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("sources", SourceViewSet, basename="source")
router.register("citations", CitationViewSet, basename="citation")
router.register("verdict-labels", VerdictLabelViewSet, basename="verdict-label")
router.register("candidates", CandidateViewSet, basename="candidate")
router.register("imports", ImportJobViewSet, basename="import-job")

urlpatterns = [
    # Before admin.site.urls: the admin's login page behind the login throttles.
    path("admin/login/", admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("api/me/", MeView.as_view(), name="me"),
    path("api/auth/login/", LoginView.as_view(), name="login"),
    path("api/auth/logout/", LogoutView.as_view(), name="logout"),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", DocsView.as_view(url_name="schema"), name="api-docs"),
    path("api/my-work/", MyWorkView.as_view(), name="my-work"),
    path("api/my-work/seen/", MyWorkSeenView.as_view(), name="my-work-seen"),
    path("api/people/", PeopleView.as_view(), name="people"),
    path(
        "api/articles/<int:pk>/candidates/",
        ArticleCandidatesView.as_view(),
        name="article-candidates",
    ),
    path("api/articles/<int:pk>/tagging/", ArticleTaggingView.as_view(), name="article-tagging"),
    re_path(r"^captures/(?P<sha256>[0-9a-f]{64})/$", capture_view, name="capture-view"),
    path("api/", include("factcheck.reports.urls")),
    path("api/", include("factcheck.factchecks.urls")),
    # Public, anonymous: published fact-check pages, their feed, the corrections log.
    path("fact-checks/", include("factcheck.factchecks.public_urls")),
    path("api/", include(router.urls)),
    # Everything else is the single-page app (login, queue, workspace...).
    re_path(
        r"^(?!api/|admin/|static/|health/|captures/|fact-checks/)(?P<path>.*)$", spa, name="spa"
    ),
]
