"""FHIR R4 in: a pregback QuestionnaireResponse and recent Observations (gestational age, pain
score) into a findings object, saying what was used and what was missing or too old.

Owns: linkIds, LOINC codes and units we read, and how old a record may be. Never: guess a value
that is not in the record, use another patient's resource, or decide urgency (the core does).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from pregback.core.findings import parse_findings
from pregback.errors import PregbackError
from pregback.interfaces.api.problems import ApiProblem, entry, from_validation
from pregback.knowledge import KnowledgeBase

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
#: Gestational age: 11884-4 estimated, 11885-1 from the last period, 18185-9 gestational age.
GA_CODES = frozenset({"11884-4", "11885-1", "18185-9"})
#: Pain severity, 0-10 verbal numeric rating, reported.
PAIN_CODES = frozenset({"72514-3"})
#: A pain score or questionnaire older than this no longer describes her now.
PAIN_MAX_AGE = timedelta(hours=24)
ANSWERS_MAX_AGE = timedelta(hours=72)
#: UCUM code of each findings unit (the knowledge base names units in words).
UCUM_UNITS = {"weeks": "wk", "days": "d", "minutes": "min", "seconds": "s", "hours": "h"}
USABLE_OBSERVATION = frozenset({"final", "amended", "corrected"})
USABLE_RESPONSE = frozenset({"completed", "amended"})


@dataclass
class Record:
    """Findings read from a patient's record, with what was used and what was missing."""

    findings: dict[str, Any] = field(default_factory=dict)
    used: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    has_answers: bool = False


def validate(model: type[Any], data: Any, where: str) -> None:
    """Check `data` with a fhir.resources R4B model; a 422 problem with FHIR paths otherwise."""
    if not isinstance(data, dict):
        raise ApiProblem(
            "invalid_fhir",
            f"{where or 'The body'} is not a FHIR resource (a JSON object).",
            [entry(where, "is not a JSON object", type(data).__name__, "a FHIR resource")],
        )
    try:
        model.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc, where, "invalid_fhir", f"FHIR {model.__name__}") from None
    except (ValueError, TypeError) as exc:  # fhir_core raises plain errors for a wrong resourceType
        raise ApiProblem(
            "invalid_fhir",
            f"{where or 'The body'}: {str(exc).split(chr(10))[0]}",
            [
                entry(
                    where or "resourceType",
                    "is not the expected resource",
                    data.get("resourceType"),
                    model.__name__,
                )
            ],
        ) from None


def when(value: Any) -> datetime | None:
    """A FHIR date or dateTime as an aware UTC datetime (a partial date at its start); None if absent."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip()
    if len(text) == 4:
        text += "-01-01"
    elif len(text) == 7:
        text += "-01"
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _answer_value(answer: dict[str, Any], spec_type: str, unit: str | None) -> Any:
    """The findings value of one answer, or raise ValueError saying what was expected."""
    if spec_type in ("number", "integer"):
        for key in ("valueDecimal", "valueInteger"):
            if key in answer:
                return answer[key]
        if "valueQuantity" in answer:
            q = answer["valueQuantity"]
            code = q.get("code") or q.get("unit")
            wanted = UCUM_UNITS.get(unit or "")
            if wanted == "wk" and code == "d" and _number(q.get("value")) is not None:
                return round(float(q["value"]) / 7, 2)
            if wanted is None or code in (wanted, unit):
                return q.get("value")
            raise ValueError(f"a quantity in {wanted} (got {code!r})")
        raise ValueError("valueDecimal, valueInteger or valueQuantity")
    if spec_type in ("choice", "list"):
        if "valueCoding" in answer:
            return answer["valueCoding"].get("code")
        if "valueString" in answer:
            return answer["valueString"]
        raise ValueError("valueCoding with a code of this question")
    raise ValueError("an answer of this question's type")


def _items(items: list[Any], path: str) -> list[tuple[dict[str, Any], str]]:
    """Every answered item, however deep in groups, with its path in the resource."""
    out: list[tuple[dict[str, Any], str]] = []
    for i, item in enumerate(items):
        here = f"{path}[{i}]"
        if item.get("answer"):
            out.append((item, here))
        for j, ans in enumerate(item.get("answer") or []):
            out.extend(_items(ans.get("item") or [], f"{here}.answer[{j}].item"))
        out.extend(_items(item.get("item") or [], f"{here}.item"))
    return out


def response_findings(qr: dict[str, Any], kb: KnowledgeBase, where: str = "") -> dict[str, Any]:
    """The findings a pregback QuestionnaireResponse gives; 422 naming the item at fault."""
    prefix = f"{where}." if where else ""
    findings: dict[str, Any] = {}
    symptoms: dict[str, str] = {}
    paths: dict[str, str] = {}
    for item, here in _items(qr.get("item") or [], f"{prefix}item"):
        link = str(item.get("linkId", ""))
        answers = item["answer"]
        paths[link] = f"{here}.answer"
        if link in kb.symptoms:
            value = answers[0].get("valueBoolean")
            if len(answers) != 1 or not isinstance(value, bool):
                raise ApiProblem(
                    "invalid_fhir",
                    f"{here}: {link} takes one valueBoolean (true present, false absent).",
                    [
                        entry(
                            f"{here}.answer",
                            "is not one valueBoolean",
                            None,
                            "one answer with valueBoolean",
                        )
                    ],
                )
            symptoms[link] = "present" if value else "absent"
            continue
        spec = kb.scalars.get(link)
        if spec is None:
            raise ApiProblem(
                "invalid_fhir",
                f"{here}.linkId: {link!r} is not a question of the pregback questionnaire.",
                [
                    entry(
                        f"{here}.linkId",
                        "is not a question of this questionnaire",
                        link,
                        "a findings key or symptom id",
                    )
                ],
            )
        try:
            values = [_answer_value(a, spec.type, spec.unit) for a in answers]
        except ValueError as exc:
            raise ApiProblem(
                "invalid_fhir",
                f"{here}.answer: {link} takes {exc}.",
                [entry(f"{here}.answer", f"takes {exc}", None, str(exc))],
            ) from None
        if spec.type != "list" and len(values) != 1:
            raise ApiProblem(
                "invalid_fhir",
                f"{here}.answer: {link} takes one answer.",
                [entry(f"{here}.answer", "has more than one answer", len(values), "one answer")],
            )
        findings[link] = values if spec.type == "list" else values[0]
    if symptoms:
        findings["symptoms"] = symptoms
    try:
        parse_findings(findings, kb)
    except PregbackError as exc:
        errors = []
        for p in exc.problems:
            key = p.field.split(".")[-1] if p.field.startswith("symptoms.") else p.field
            errors.append(entry(paths.get(key, f"{prefix}item"), p.text(), p.value, p.allowed))
        raise ApiProblem("invalid_fhir", f"An answer is out of range: {exc}", errors) from None
    return findings


def _subject_ok(resource: dict[str, Any], patient_id: str) -> bool:
    ref = (resource.get("subject") or {}).get("reference")
    return ref is None or ref == f"Patient/{patient_id}" or ref.endswith(f"/Patient/{patient_id}")


def _entries(value: Any, where: str) -> list[tuple[dict[str, Any], str]]:
    """The resources of a prefetched search Bundle (or the one prefetched resource), with paths."""
    if not isinstance(value, dict):
        return []
    if value.get("resourceType") == "Bundle":
        return [
            (e["resource"], f"{where}.entry[{i}].resource")
            for i, e in enumerate(value.get("entry") or [])
            if isinstance(e.get("resource"), dict)
        ]
    return [(value, where)]


def _observed(obs: dict[str, Any]) -> datetime | None:
    period = obs.get("effectivePeriod") or {}
    return (
        when(obs.get("effectiveDateTime"))
        or when(period.get("end"))
        or when(period.get("start"))
        or when(obs.get("effectiveInstant"))
        or when(obs.get("issued"))
    )


def _coded(obs: dict[str, Any], codes: frozenset[str]) -> bool:
    return any(
        c.get("system") == LOINC and c.get("code") in codes
        for c in (obs.get("code") or {}).get("coding") or []
    )


def _latest(resources: list[Any], moment: Any) -> Any:
    dated = [(moment(r) or datetime.min.replace(tzinfo=UTC), i, r) for i, r in enumerate(resources)]
    return max(dated, key=lambda t: (t[0], -t[1]))[2] if dated else None


def _weeks(obs: dict[str, Any]) -> float | None:
    if "valueInteger" in obs:
        return _number(obs["valueInteger"])
    q = obs.get("valueQuantity") or {}
    value = _number(q.get("value"))
    unit = q.get("code") or q.get("unit")
    if value is None:
        return None
    if unit in ("wk", "week", "weeks"):
        return value
    if unit in ("d", "day", "days"):
        return value / 7
    return None


def _day(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def read_record(
    prefetch: dict[str, Any], patient_id: str, now: datetime, kb: KnowledgeBase
) -> Record:
    """Findings from the prefetched Patient, QuestionnaireResponse and Observations."""
    rec = Record()
    answers = [
        (r, w)
        for r, w in _entries(
            prefetch.get("questionnaireResponse"), "prefetch.questionnaireResponse"
        )
        if r.get("resourceType") == "QuestionnaireResponse"
    ]
    others = [r for r, _ in answers if not _subject_ok(r, patient_id)]
    if others:
        rec.missing.append(
            f"{len(others)} questionnaire response(s) for another patient were ignored"
        )
    answers = [
        (r, w)
        for r, w in answers
        if _subject_ok(r, patient_id)
        and r.get("status") in USABLE_RESPONSE
        and str(r.get("questionnaire", "")).split("|")[0].endswith("Questionnaire/pregback")
    ]
    latest = _latest(answers, lambda pair: when(pair[0].get("authored")))
    if latest is None:
        rec.missing.append(
            "her answers to the pregback questionnaire (a completed QuestionnaireResponse)"
        )
    else:
        qr, where = latest
        authored = when(qr.get("authored"))
        if authored is not None and now - authored > ANSWERS_MAX_AGE:
            rec.missing.append(
                f"recent answers: the latest pregback questionnaire is from {_day(authored)}, "
                f"more than {ANSWERS_MAX_AGE.total_seconds() / 3600:.0f} hours ago"
            )
        else:
            rec.findings = response_findings(qr, kb, where)
            rec.has_answers = True
            rec.used.append(
                "questionnaire answers of " + (_day(authored) if authored else "an unknown date")
            )
    observations = [
        r
        for key in ("gestationalAge", "painScore")
        for r, _ in _entries(prefetch.get(key), key)
        if r.get("resourceType") == "Observation"
        and r.get("status") in USABLE_OBSERVATION
        and _subject_ok(r, patient_id)
    ]
    if "gestational_weeks" not in rec.findings:
        _gestation(rec, [o for o in observations if _coded(o, GA_CODES)], now)
    if "pain_severity" not in rec.findings:
        _pain(rec, [o for o in observations if _coded(o, PAIN_CODES)], now)
    return rec


def _gestation(rec: Record, found: list[dict[str, Any]], now: datetime) -> None:
    obs = _latest([o for o in found if _weeks(o) is not None], _observed)
    if obs is None:
        rec.missing.append("gestational age")
        return
    weeks = _weeks(obs)
    assert weeks is not None
    seen = _observed(obs)
    if seen is not None and seen <= now:
        weeks += (now - seen).total_seconds() / (7 * 86400)
    if not 1 <= weeks <= 45:
        rec.missing.append(
            f"a current gestational age (the latest record gives {weeks:.1f} weeks today)"
        )
        return
    rec.findings["gestational_weeks"] = round(weeks, 2)
    dated = f", recorded {_day(seen)} and counted on to today" if seen else " (date not recorded)"
    rec.used.append(f"gestational age {weeks:.1f} weeks{dated}")


def _pain(rec: Record, found: list[dict[str, Any]], now: datetime) -> None:
    obs = _latest(found, _observed)
    if obs is None:
        return
    value = obs.get("valueInteger", (obs.get("valueQuantity") or {}).get("value"))
    seen = _observed(obs)
    number = _number(value)
    if number is None or not number.is_integer() or not 0 <= number <= 10:
        rec.missing.append(
            "a pain score from 0 to 10 (the latest pain observation has no usable value)"
        )
    elif seen is None or now - seen > PAIN_MAX_AGE:
        rec.missing.append("a pain score from the last 24 hours")
    else:
        rec.findings["pain_severity"] = int(number)
        rec.used.append(f"pain score {int(number)}/10 of {_day(seen)}")
