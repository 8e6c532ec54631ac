"""Her data as a FHIR R4 Bundle for her maternity team: a Patient, Observations of pain severity
(LOINC 72514-3), gestational age (LOINC 11884-4) and the due date (LOINC 11778-8), one Observation
per timed wave, and a QuestionnaireResponse of her latest answers.

Owns: building the Bundle as plain JSON and checking it with fhir.resources (R4B module). Never:
a code that is not in its value set (tests check every one), or data she did not record.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pregback.core.history import gestation
from pregback.knowledge import KnowledgeBase, default_knowledge

if TYPE_CHECKING:
    from pregback.store.models import Person
    from pregback.store.repository import Repository

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
PAIN = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
GESTATIONAL_AGE = {"system": LOINC, "code": "11884-4", "display": "Gestational age Estimated"}
DUE_DATE = {"system": LOINC, "code": "11778-8", "display": "Delivery date Estimated"}
SURVEY = {"system": OBS_CATEGORY, "code": "survey", "display": "Survey"}
#: No LOINC or SNOMED code is claimed for a self-timed wave: the concept is carried as text.
WAVE_TEXT = "Timed wave of pain (contraction), self-recorded with a contraction timer"


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def _uid(person: Person, kind: str, key: Any) -> str:
    return str(uuid.uuid5(uuid.UUID(person.uid), f"{kind}:{key}"))


def build_bundle(
    repo: Repository, person: Person, now: datetime | None = None, kb: KnowledgeBase | None = None
) -> dict[str, Any]:
    """The FHIR R4 Bundle (type collection) of her profile, diary, waves and latest answers."""
    kb = kb or default_knowledge()
    now = now or datetime.now(UTC)
    patient_url = f"urn:uuid:{person.uid}"
    subject = {"reference": patient_url}
    patient = {"resourceType": "Patient", "id": person.uid, "active": True, **_patient_name(person)}
    entries: list[dict[str, Any]] = [{"fullUrl": patient_url, "resource": patient}]

    def add(kind: str, key: Any, resource: dict[str, Any]) -> None:
        rid = _uid(person, kind, key)
        entries.append({"fullUrl": f"urn:uuid:{rid}", "resource": {"id": rid, **resource}})

    if person.due_date is not None:
        ga = gestation(person.due_date, now.astimezone().date())
        if ga is not None:
            add(
                "gestational-age",
                now.date().isoformat(),
                {
                    "resourceType": "Observation",
                    "status": "final",
                    "code": {"coding": [GESTATIONAL_AGE]},
                    "subject": subject,
                    "effectiveDateTime": _when(now),
                    "valueQuantity": {
                        "value": round(ga[0] + ga[1] / 7, 2),
                        "unit": "wk",
                        "system": UCUM,
                        "code": "wk",
                    },
                    "note": [{"text": f"{ga[0]}+{ga[1]} weeks, from the due date she gave"}],
                },
            )
        add(
            "due-date",
            person.due_date.isoformat(),
            {
                "resourceType": "Observation",
                "status": "final",
                "code": {"coding": [DUE_DATE]},
                "subject": subject,
                "effectiveDateTime": _when(now),
                "valueDateTime": person.due_date.isoformat(),
            },
        )
    for e in repo.entries(person):
        obs: dict[str, Any] = {
            "resourceType": "Observation",
            "status": "final",
            "category": [{"coding": [SURVEY]}],
            "code": {"coding": [PAIN], "text": "Back pain severity"},
            "subject": subject,
            "effectiveDateTime": _when(e.at),
            "valueInteger": e.pain,
        }
        if e.locations:
            obs["bodySite"] = {
                "text": ", ".join(
                    kb.locations[loc].label for loc in e.locations if loc in kb.locations
                )
            }
        text = _entry_note(e.symptoms, e.helped, e.notes, kb)
        if text:
            obs["note"] = [{"text": text}]
        add("diary-entry", e.id, obs)
    for w in repo.episodes(person):
        assert w.ended_at is not None
        add(
            "episode",
            w.id,
            {
                "resourceType": "Observation",
                "status": "final",
                "category": [{"coding": [SURVEY]}],
                "code": {"text": WAVE_TEXT},
                "subject": subject,
                "effectivePeriod": {"start": _when(w.started_at), "end": _when(w.ended_at)},
                "valueQuantity": {
                    "value": round((w.ended_at - w.started_at).total_seconds(), 1),
                    "unit": "s",
                    "system": UCUM,
                    "code": "s",
                },
            },
        )
    answers = _answers(repo, person, now, kb)
    if answers is not None:
        authored, items = answers
        add(
            "questionnaire-response",
            authored,
            {
                "resourceType": "QuestionnaireResponse",
                "status": "completed",
                "subject": subject,
                "authored": authored,
                "item": items,
            },
        )
    return {
        "resourceType": "Bundle",
        "id": _uid(person, "bundle", _when(now)),
        "type": "collection",
        "timestamp": _when(now),
        "entry": entries,
    }


def _patient_name(person: Person) -> dict[str, Any]:
    # The profile name is a label she chose ("me" by default), not necessarily her legal name.
    return {} if person.name == "me" else {"name": [{"text": person.name}]}


def _entry_note(symptoms: list[str], helped: list[str], notes: str, kb: KnowledgeBase) -> str:
    parts = []
    if symptoms:
        parts.append(
            "Symptoms: "
            + ", ".join(kb.symptoms[s].label if s in kb.symptoms else s for s in symptoms)
            + "."
        )
    if helped:
        parts.append("Helped: " + "; ".join(helped) + ".")
    if notes:
        parts.append(notes)
    return " ".join(parts)


def _answers(
    repo: Repository, person: Person, now: datetime, kb: KnowledgeBase
) -> tuple[str, list[dict[str, Any]]] | None:
    """Her latest answers: the findings of her latest saved assessment, else those of her profile."""
    from pregback.core.profile import profile_findings

    record = repo.latest_assessment(person)
    if record is not None:
        findings = dict(record.inputs.get("findings") or record.result.get("findings") or {})
        authored = _when(record.at)
    else:
        today = now.astimezone().date()
        findings, _ = profile_findings(kb, person.due_date, today, repo.facts(person, today))
        authored = _when(now)
    items: list[dict[str, Any]] = []
    for key, value in findings.items():
        if key == "symptoms" or key not in kb.scalars:
            continue
        spec = kb.scalars[key]
        values = value if isinstance(value, list) else [value]
        answer = [
            _answer(spec.type, v, spec.choice_labels.get(v) if isinstance(v, str) else None)
            for v in values
        ]
        items.append({"linkId": key, "text": spec.question, "answer": answer})
    for sid, status in sorted((findings.get("symptoms") or {}).items()):
        if sid in kb.symptoms and status in ("present", "absent"):
            items.append(
                {
                    "linkId": sid,
                    "text": kb.symptoms[sid].question,
                    "answer": [{"valueBoolean": status == "present"}],
                }
            )
    return (authored, items) if items else None


def _answer(kind: str, value: Any, label: str | None) -> dict[str, Any]:
    if kind == "integer":
        return {"valueInteger": int(value)}
    if kind == "number":
        return {"valueDecimal": float(value)}
    return {"valueString": label or str(value)}


def validate_bundle(bundle: dict[str, Any]) -> Any:
    """Parse the Bundle with fhir.resources (R4B); raises on an invalid one, ImportError without it."""
    from fhir.resources.R4B.bundle import Bundle

    return Bundle.model_validate(bundle)
