"""The fact-check API (thin: the logic is in services, matching and imports).

/api/fact-checks/                 list and search (q ranks by matching), filters
/api/fact-checks/{id}/            one fact-check
/api/fact-checks/match/           POST {text, top, claimant} → matches with scores
/api/fact-checks/suggestions/     GET ?claim=ID or ?candidate=ID → "checked before?"
/api/fact-checks/article-suggestions/  GET ?article=ID → the same for all of an article
/api/fact-checks/{id}/cite/       POST {claim, version, stance} → a citation on the claim
/api/fact-check-imports/          POST a file → an import job; GET progress and errors"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from factcheck.accounts.permissions import IsReviewer

from . import imports, services
from .matching import match
from .models import FactCheck, FactCheckImportJob
from .serializers import (
    ArticleSuggestionQuerySerializer,
    ArticleSuggestionsSerializer,
    CiteResponseSerializer,
    CiteSerializer,
    FactCheckImportJobSerializer,
    FactCheckSerializer,
    ImportUploadSerializer,
    MatchRequestSerializer,
    MatchResponseSerializer,
    SuggestionQuerySerializer,
    SuggestionsResponseSerializer,
)
from .suggestions import subjects_of_article, text_for_candidate, text_for_claim

SEARCH_LIMIT = 200


class FactCheckViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    serializer_class = FactCheckSerializer
    permission_classes = [IsReviewer]
    filterset_fields = ["origin", "publisher", "language", "rating_name"]
    search_fields: list[str] = []  # `q` below ranks by matching instead
    ordering_fields = ["date_published", "created_at"]

    def get_queryset(self) -> QuerySet[FactCheck]:
        return FactCheck.objects.filter(withdrawn_at__isnull=True).order_by(
            "-date_published", "-id"
        )

    @extend_schema(
        parameters=[OpenApiParameter("q", str, description="Ranked by 'checked before?'.")]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = request.query_params.get("q", "").strip()
        if not query:
            return super().list(request, *args, **kwargs)
        if len(query) > 10_000:
            return Response({"q": ["At most 10,000 characters."]}, status=400)
        ranked = match(query, top=SEARCH_LIMIT)
        rows = {
            f.pk: f
            for f in self.filter_queryset(self.get_queryset()).filter(
                pk__in=[m.factcheck_id for m in ranked]
            )
        }
        results = []
        for m in ranked:
            if m.factcheck_id in rows:
                results.append({**FactCheckSerializer(rows[m.factcheck_id]).data, "score": m.score})
        page: list[Any] | None = self.paginate_queryset(results)  # type: ignore[arg-type]
        return self.get_paginated_response(page)

    @extend_schema(request=MatchRequestSerializer, responses={200: MatchResponseSerializer})
    @action(detail=False, methods=["post"])
    def match(self, request: Request) -> Response:
        """The fact-checks that best match a text, best first, with scores in 0..1."""
        form = MatchRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        found = match(data["text"], top=data["top"], claimant=data["claimant"])
        return Response({"matches": [m.as_json() for m in found]})

    @extend_schema(
        parameters=[SuggestionQuerySerializer], responses={200: SuggestionsResponseSerializer}
    )
    @action(detail=False, methods=["get"])
    def suggestions(self, request: Request) -> Response:
        """'Checked before?' for a claim or a candidate of the workspace."""
        form = SuggestionQuerySerializer(data=request.query_params)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        if "claim" in data:
            found = text_for_claim(data["claim"])
        else:
            found = text_for_candidate(data["candidate"])
        if found is None:
            raise NotFound("No such claim or candidate.")
        found_matches = match(
            found.text, top=data["top"], claimant=found.claimant, exclude=found.exclude
        )
        cited = found.cited_urls
        return Response(
            {
                "text": found.text,
                "matches": [{**m.as_json(), "cited": m.url in cited} for m in found_matches],
            }
        )

    @extend_schema(
        parameters=[ArticleSuggestionQuerySerializer],
        responses={200: ArticleSuggestionsSerializer},
    )
    @action(detail=False, methods=["get"], url_path="article-suggestions")
    def article_suggestions(self, request: Request) -> Response:
        """'Checked before?' for every claim and open candidate of an article at once (the
        workspace's badges): those with a match scoring at least `min_score`."""
        form = ArticleSuggestionQuerySerializer(data=request.query_params)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        subjects = subjects_of_article(data["article"])
        if subjects is None:
            raise NotFound("No such article.")
        found = []
        for kind, pk, subject in subjects:
            matches = [
                m.as_json()
                for m in match(
                    subject.text,
                    top=data["top"],
                    claimant=subject.claimant,
                    exclude=subject.exclude,
                )
                if m.score >= data["min_score"]
            ]
            if matches:
                found.append({"kind": kind, "id": pk, "matches": matches})
        return Response({"subjects": found})

    @extend_schema(request=CiteSerializer, responses={201: CiteResponseSerializer})
    @action(detail=True, methods=["post"])
    def cite(self, request: Request, pk: str | None = None) -> Response:
        """Cite this fact-check on a claim as prior work (the claims services write it)."""
        form = CiteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        self.get_object()  # 404 for an unknown or withdrawn fact-check
        citation = services.cite(
            int(pk or 0), data["claim"], request.user, data["version"], data["stance"]
        )
        from factcheck.claims.models import Claim

        version = Claim.objects.filter(pk=data["claim"]).values_list("version", flat=True).first()
        return Response(
            {
                "citation": citation.pk,
                "claim": data["claim"],
                "claim_version": version,
                "url": citation.url,
                "stance": citation.stance,
            },
            status=status.HTTP_201_CREATED,
        )


class FactCheckImportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    """Fact-check imports: POST a .json/.jsonld/.jsonl/.csv file (multipart) → a job (202);
    GET it for progress and the per-row errors."""

    permission_classes = [IsReviewer]
    serializer_class = FactCheckImportJobSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filterset_fields = ["status"]

    def get_queryset(self) -> QuerySet[FactCheckImportJob]:
        return FactCheckImportJob.objects.all()

    @extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={202: FactCheckImportJobSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = ImportUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        job = imports.create_job(upload.name or "import.json", upload.read(), request.user)
        imports.enqueue_job(job)
        return Response(FactCheckImportJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
