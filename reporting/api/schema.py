"""The API schema's error answers: drf-spectacular documents only each operation's 200,
yet the API answers 400 (a filter that is not one of its choices), 401 (no token, or a
bad one), 403 (no role), 404 (no such indicator or
value, or a ``format`` other than json or csv) and 429 (too many requests).
This hook, run after the schema is made, documents them for every operation."""

from __future__ import annotations

from typing import Any

from drf_spectacular.hooks import postprocess_schema_enums

DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "Each filter refused, with why.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
ERRORS = {
    "400": ("A filter is not valid.", FIELD_ERRORS),
    "401": ("No token or session, or a token that is not valid.", DETAIL),
    "403": ("The person has no role on the site.", DETAIL),
    "404": ("There is no such item the person may see (or no such format).", DETAIL),
    "429": ("Too many requests with this token: try again later.", DETAIL),
}


def _answer(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular's enum hook, then the error answers of every operation."""
    result = postprocess_schema_enums(result, **kwargs)
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            params = {p.get("in") for p in operation.get("parameters", [])}
            names = {p.get("name") for p in operation.get("parameters", [])}
            codes = ["401", "403", "429"]
            if "query" in params:
                codes.append("400")
            # DRF answers a ?format= it does not know as not found.
            if "path" in params or "{" in path or "format" in names:
                codes.append("404")
            responses = operation.setdefault("responses", {})
            for code in sorted(codes):
                responses.setdefault(code, _answer(*ERRORS[code]))
    return result
