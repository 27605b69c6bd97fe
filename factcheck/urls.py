from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from factcheck.accounts.views import LoginView, LogoutView, MeView
from factcheck.articles.views import ArticleViewSet
from factcheck.articles.views_imports import ImportJobViewSet
from factcheck.articles.views_work import MyWorkSeenView, MyWorkView, PeopleView
from factcheck.claims.views import ClaimViewSet, VerdictLabelViewSet
from factcheck.core import health
from factcheck.core.frontend import spa
from factcheck.sources.views import CitationViewSet, SourceViewSet
from factcheck.tagging.views import ArticleCandidatesView, ArticleTaggingView, CandidateViewSet

router = DefaultRouter()
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("sources", SourceViewSet, basename="source")
router.register("citations", CitationViewSet, basename="citation")
router.register("verdict-labels", VerdictLabelViewSet, basename="verdict-label")
router.register("candidates", CandidateViewSet, basename="candidate")
router.register("imports", ImportJobViewSet, basename="import-job")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("api/me/", MeView.as_view(), name="me"),
    path("api/auth/login/", LoginView.as_view(), name="login"),
    path("api/auth/logout/", LogoutView.as_view(), name="logout"),
    path("api/my-work/", MyWorkView.as_view(), name="my-work"),
    path("api/my-work/seen/", MyWorkSeenView.as_view(), name="my-work-seen"),
    path("api/people/", PeopleView.as_view(), name="people"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path(
        "api/articles/<int:pk>/candidates/",
        ArticleCandidatesView.as_view(),
        name="article-candidates",
    ),
    path("api/articles/<int:pk>/tagging/", ArticleTaggingView.as_view(), name="article-tagging"),
    path("api/", include("factcheck.reports.urls")),
    path("api/", include(router.urls)),
    # Everything else is the single-page app (login, queue, workspace...).
    re_path(r"^(?!api/|admin/|static/|health/)(?P<path>.*)$", spa, name="spa"),
]
