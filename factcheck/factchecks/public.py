"""The public pages: one per published fact-check, the DataFeed of all of them, the log
of corrections. Server-rendered (a reader or a crawler gets the text and the ClaimReview
without running the app's JavaScript); anonymous visitors see these and nothing else."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from . import jsonld
from .models import Correction, FactCheck, Origin

FEED_PAGE_SIZE = 100


def published() -> QuerySet[FactCheck]:
    return FactCheck.objects.filter(
        origin=Origin.OURS, withdrawn_at__isnull=True, slug__isnull=False
    )


@require_safe
def page(request: HttpRequest, slug: str) -> HttpResponse:
    key = slug.split("-", 1)[0]
    if not key.isdigit():
        raise Http404("No such fact-check.")
    factcheck = (
        published()
        .filter(claim_id=int(key))
        .prefetch_related(
            Prefetch("corrections", queryset=Correction.objects.order_by("created_at", "id"))
        )
        .first()
    )
    if factcheck is None:
        raise Http404("No such fact-check.")
    if factcheck.slug != slug:  # /fact-checks/<id> and old slugs lead to the one address
        return redirect("factcheck-page", slug=factcheck.slug, permanent=True)
    corrections = list(factcheck.corrections.all())
    snapshot = factcheck.snapshot or {}
    context = {
        "factcheck": factcheck,
        "snapshot": snapshot,
        "verdict": snapshot.get("verdict") or {},
        "article": snapshot.get("article") or {},
        "evidence": snapshot.get("evidence") or [],
        "corrections": corrections,
        "methodology_url": settings.FACTCHECK_METHODOLOGY_URL,
        "organisation": settings.FACTCHECK_ORGANIZATION_NAME,
        "claim_review": jsonld.script_json(jsonld.claim_review(factcheck, corrections)),
    }
    return render(request, "factchecks/page.html", context)


@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    """All published fact-checks as a schema.org DataFeed, newest first, paged
    (?page=N, FEED_PAGE_SIZE a page); the next page is in the Link header."""
    query = (
        published()
        .order_by("-first_published_at", "-id")
        .prefetch_related(
            Prefetch("corrections", queryset=Correction.objects.order_by("created_at", "id"))
        )
    )
    number = request.GET.get("page", "1")
    if not number.isdigit() or int(number) < 1:
        return JsonResponse({"page": ["A page number is a positive integer."]}, status=400)
    paginator = Paginator(query, FEED_PAGE_SIZE)
    try:
        current = paginator.page(int(number))
    except EmptyPage:
        if int(number) != 1:
            return JsonResponse({"page": [f"There are {paginator.num_pages} pages."]}, status=404)
        current = paginator.page(1)
    elements = []
    for factcheck in current.object_list:
        corrections = list(factcheck.corrections.all())
        element: dict[str, Any] = {
            "@type": "DataFeedItem",
            "dateCreated": factcheck.first_published_at.isoformat()
            if factcheck.first_published_at
            else None,
            "item": [jsonld.claim_review(factcheck, corrections)],
        }
        if factcheck.date_modified:
            element["dateModified"] = factcheck.date_modified.isoformat()
        if element["dateCreated"] is None:
            del element["dateCreated"]
        for review in element["item"]:
            review.pop("@context", None)  # the feed's context covers its items
        elements.append(element)
    body = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": f"{settings.FACTCHECK_ORGANIZATION_NAME} fact-checks",
        "url": request.build_absolute_uri(request.path),
        "dataFeedElement": elements,
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json; charset=utf-8"
    if current.has_next():
        next_url = request.build_absolute_uri(f"{request.path}?page={current.next_page_number()}")
        response["Link"] = f'<{next_url}>; rel="next"'
    response["Access-Control-Allow-Origin"] = "*"  # a public feed other newsrooms read
    return response


@require_safe
def corrections_log(request: HttpRequest) -> HttpResponse:
    corrections = (
        Correction.objects.filter(
            factcheck__origin=Origin.OURS,
            factcheck__withdrawn_at__isnull=True,
            factcheck__slug__isnull=False,
        )
        .select_related("factcheck")
        .order_by("-created_at", "-id")
    )
    paginator = Paginator(corrections, 100)
    number = request.GET.get("page", "1")
    current = paginator.get_page(number if number.isdigit() else 1)
    return render(
        request,
        "factchecks/corrections.html",
        {
            "page": current,
            "organisation": settings.FACTCHECK_ORGANIZATION_NAME,
            "methodology_url": settings.FACTCHECK_METHODOLOGY_URL,
        },
    )
