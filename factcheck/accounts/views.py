"""Who am I, log in, log out. The browser uses session auth with CSRF; scripts use tokens.

Logging in needs the CSRF token too (the SPA has the cookie from its first page): without
it a cross-site form could log a victim into the attacker's account (login CSRF). Both
this view and the Django admin's login page are throttled by client and by username
(accounts.throttles)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.authentication import CSRFCheck
from rest_framework.exceptions import PermissionDenied, Throttled
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import LoginSerializer, MeSerializer
from .throttles import ClientLoginThrottle, username_failed, username_wait


class MeView(APIView):
    # Any signed-in user, also one without a role: the app tells them to ask an admin.
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)  # type: ignore[arg-type]


def enforce_csrf(request: Request) -> None:
    """Django's CSRF check, as DRF's SessionAuthentication runs it for signed-in users;
    here for everyone (the one unsafe view an anonymous browser may use)."""
    check = CSRFCheck(lambda _request: None)  # type: ignore[arg-type,return-value]
    check.process_request(request)
    reason = check.process_view(request, None, (), {})  # type: ignore[arg-type]
    if reason:
        raise PermissionDenied(f"CSRF Failed: {reason}")


WRONG = "Wrong username or password."


class LoginView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ClientLoginThrottle]
    # No authentication: a session or token sent along must not decide anything here.
    authentication_classes: list[Any] = []

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method == "POST":  # other methods: 405 (or OPTIONS), not a CSRF 403
            enforce_csrf(request)

    @extend_schema(
        request=LoginSerializer,
        responses={
            200: MeSerializer,
            400: OpenApiResponse(description="Wrong username or password, or a bad body."),
            403: OpenApiResponse(description="No CSRF token."),
            429: OpenApiResponse(description="Too many attempts; see Retry-After."),
        },
    )
    def post(self, request: Request) -> Response:
        form = LoginSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        username = form.validated_data["username"]
        wait = username_wait(username)
        if wait is not None:
            raise Throttled(wait)
        user = authenticate(request, username=username, password=form.validated_data["password"])
        if user is None:
            username_failed(username)
            return Response(
                {"detail": WRONG, "password": [WRONG]}, status=status.HTTP_400_BAD_REQUEST
            )
        login(request._request, user)
        return Response(MeSerializer(user).data)


class LogoutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _too_many(wait: float | None) -> HttpResponse:
    seconds = max(1, int(wait or 60))
    response = JsonResponse(
        {"detail": f"Too many login attempts; try again in {seconds} seconds."}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response


@never_cache
@csrf_protect
def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """The Django admin's login page behind the same throttles as the API login: attempts
    (POSTs) count per client, failures per username, across both."""
    if request.method != "POST":
        return admin.site.login(request, extra_context)
    throttle = ClientLoginThrottle()
    if not throttle.allow_request(request, None):
        return _too_many(throttle.wait())
    username = str(request.POST.get("username", ""))[:150]
    wait = username_wait(username)
    if wait is not None:
        return _too_many(wait)
    response = admin.site.login(request, extra_context)
    # The admin answers 302 on success and re-renders the form (200) on failure.
    if response.status_code == 200 and not request.user.is_authenticated:
        username_failed(username)
    return response
