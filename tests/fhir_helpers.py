"""Helpers for the FHIR and CDS Hooks tests: validate a resource with fhir.resources R4B and check
every coded value against its FHIR R4 value set (the library does not), and answer the pregback
Questionnaire as a client would."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from pydantic import BaseModel

#: Required value sets (FHIR R4), in full where fhir.resources lists only some codes and "+".
OBSERVATION_STATUS = [
    "registered",
    "preliminary",
    "final",
    "amended",
    "corrected",
    "cancelled",
    "entered-in-error",
    "unknown",
]
FULL = {
    # CapabilityStatement.format: xml | json | ttl | a mime type (the value set is every mime type;
    # these are the ones a FHIR server names).
    ("CapabilityStatement", "format"): ["xml", "json", "ttl", "application/fhir+json"],
    ("RiskAssessment", "status"): OBSERVATION_STATUS,
    ("Observation", "status"): OBSERVATION_STATUS,
    ("QuestionnaireItem", "type"): [
        "group",
        "display",
        "boolean",
        "decimal",
        "integer",
        "date",
        "dateTime",
        "time",
        "string",
        "text",
        "url",
        "choice",
        "open-choice",
        "attachment",
        "reference",
        "quantity",
    ],
}
#: http://hl7.org/fhir/questionnaire-item-control (R4)
ITEM_CONTROL = {
    "group",
    "list",
    "table",
    "htable",
    "gtable",
    "atable",
    "header",
    "footer",
    "inline",
    "prompt",
    "unit",
    "lower",
    "upper",
    "flyover",
    "help",
    "legal",
    "autocomplete",
    "drop-down",
    "check-box",
    "lookup",
    "radio-button",
    "slider",
    "spinner",
    "text-box",
}
UCUM_TIME = {"wk", "d", "h", "min", "s"}


def _coded(model: BaseModel, path: str) -> Iterator[tuple[str, str, Any, list[str]]]:
    cls = type(model)
    for name, field in cls.model_fields.items():
        value = getattr(model, name, None)
        if value is None:
            continue
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        allowed = extra.get("enum_values")
        if isinstance(allowed, list):
            full = FULL.get((cls.__name__, name), allowed)
            assert (
                "+" not in full
            ), f"{cls.__name__}.{name}: give the full value set in tests/fhir_helpers.py"
            yield f"{path}.{name}", cls.__name__, value, full
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if isinstance(item, BaseModel):
                yield from _coded(
                    item, f"{path}.{name}[{i}]" if isinstance(value, list) else f"{path}.{name}"
                )


def check_resource(data: dict[str, Any]) -> BaseModel:
    """Validate with fhir.resources, then check every code it leaves unchecked; return the model."""
    model: BaseModel = get_fhir_model_class(data["resourceType"]).model_validate(data)
    for path, owner, value, allowed in _coded(model, data["resourceType"]):
        for one in value if isinstance(value, list) else [value]:
            assert one in allowed, f"{path} ({owner}): {one!r} is not in its value set {allowed}"
    return model


def codings(data: Any, system: str) -> list[str]:
    """Every code of this system anywhere in a JSON structure."""
    found: list[str] = []
    if isinstance(data, dict):
        if data.get("system") == system and "code" in data:
            found.append(data["code"])
        for value in data.values():
            found += codings(value, system)
    elif isinstance(data, list):
        for value in data:
            found += codings(value, system)
    return found


def _answer(item: dict[str, Any], value: Any) -> list[dict[str, Any]]:
    kind = item["type"]
    if kind == "boolean":
        return [{"valueBoolean": value == "present"}]
    if kind == "decimal":
        return [{"valueDecimal": value}]
    if kind == "integer":
        return [{"valueInteger": value}]
    options = {o["valueCoding"]["code"]: o["valueCoding"] for o in item["answerOption"]}
    values = value if isinstance(value, list) else [value]
    return [{"valueCoding": options[v]} for v in values]


def response_for(
    questionnaire: dict[str, Any], findings: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    """Her findings as answers to the pregback Questionnaire (items left unanswered are unknown)."""
    values = {k: v for k, v in findings.items() if k != "symptoms"}
    values.update(findings.get("symptoms", {}))
    groups = []
    for group in questionnaire["item"]:
        answered = [
            {"linkId": q["linkId"], "answer": _answer(q, values[q["linkId"]])}
            for q in group["item"]
            if values.get(q["linkId"]) not in (None, "unknown", [])
        ]
        if answered:
            groups.append({"linkId": group["linkId"], "item": answered})
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": questionnaire["url"],
        "item": groups,
        **extra,
    }
