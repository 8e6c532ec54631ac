"""FHIR R4 out: the pregback questions as an SDC Questionnaire, and an Assessment as a
RiskAssessment, a CarePlan and a Communication, each built and validated with fhir.resources R4B.

Owns: the canonical URLs, code systems and codes pregback emits. Never: clinical logic (it
translates an Assessment), or a resource that fhir.resources has not validated.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.communication import Communication
from fhir.resources.R4B.parameters import Parameters
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.riskassessment import RiskAssessment

from pregback.core.triage import Assessment
from pregback.interfaces.api.fhir_read import UCUM, UCUM_UNITS
from pregback.knowledge import KnowledgeBase

#: The canonical base of pregback's FHIR artefacts. A placeholder domain (.example is reserved):
#: set a real one before publishing the Questionnaire outside a test deployment.
CANONICAL = "https://pregback.example/fhir"
QUESTIONNAIRE_URL = f"{CANONICAL}/Questionnaire/pregback"
SYSTEM = {
    "urgency": f"{CANONICAL}/CodeSystem/urgency",
    "cause": f"{CANONICAL}/CodeSystem/cause",
    "rule": f"{CANONICAL}/CodeSystem/rule",
    "symptom": f"{CANONICAL}/CodeSystem/symptom",
    "advice": f"{CANONICAL}/CodeSystem/advice",
}
SDC_PROFILE = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire"
EXT_MIN = "http://hl7.org/fhir/StructureDefinition/minValue"
EXT_MAX = "http://hl7.org/fhir/StructureDefinition/maxValue"
EXT_UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
EXT_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL = "http://hl7.org/fhir/questionnaire-item-control"
#: Communication.priority (request-priority) for each urgency.
PRIORITY = {
    "emergency": "stat",
    "urgent": "asap",
    "same_day": "urgent",
    "routine": "routine",
    "self_care": "routine",
}
GROUP_TITLES = {
    "about": "About the pain",
    "bleeding": "Bleeding",
    "labour": "Tightenings and labour",
    "baby": "The baby",
    "waters_discharge": "Waters and discharge",
    "belly": "The belly",
    "faint": "Feeling faint",
    "infection": "Fever and infection",
    "urine": "Passing urine",
    "kidney": "Kidneys",
    "nerves": "Legs and nerves",
    "preeclampsia": "Headache, sight and swelling",
    "breathing_clots": "Breathing, chest and legs",
    "spine": "The spine",
    "injury": "Falls and injuries",
    "early_pregnancy": "Early pregnancy",
    "pelvis": "The pelvis",
    "mechanical": "What makes it better or worse",
    "history": "About her and this pregnancy",
}


def _dump(model: Any) -> dict[str, Any]:
    out: dict[str, Any] = model.model_dump(mode="json", exclude_none=True)
    return out


def standard(kb: KnowledgeBase, rid: str) -> list[dict[str, Any]]:
    """The standard codings (SNOMED CT, LOINC) of a symptom, cause or scalar, from codes.yaml."""
    return [c.model_dump() for c in kb.codes.get(rid, ())]


def _scalar_item(kb: KnowledgeBase, key: str) -> dict[str, Any]:
    spec = kb.scalars[key]
    item: dict[str, Any] = {"linkId": key, "text": spec.question}
    if standard(kb, key):
        item["code"] = standard(kb, key)
    ext: list[dict[str, Any]] = []
    if spec.type in ("number", "integer"):
        item["type"] = "decimal" if spec.type == "number" else "integer"
        value = "valueDecimal" if spec.type == "number" else "valueInteger"
        cast = float if spec.type == "number" else int
        if spec.min is not None and not spec.exclusive_min:
            ext.append({"url": EXT_MIN, value: cast(spec.min)})
        if spec.max is not None:
            ext.append({"url": EXT_MAX, value: cast(spec.max)})
        unit = UCUM_UNITS.get(spec.unit or "")
        if unit:
            ext.append(
                {
                    "url": EXT_UNIT,
                    "valueCoding": {"system": UCUM, "code": unit, "display": spec.unit},
                }
            )
    else:
        item["type"] = "choice"
        item["answerOption"] = [
            {
                "valueCoding": {
                    "system": f"{CANONICAL}/CodeSystem/{key}",
                    "code": c,
                    "display": spec.choice_labels.get(c, c.replace("_", " ")),
                }
            }
            for c in spec.choices
        ]
        if spec.type == "list":
            item["repeats"] = True
            ext.append(
                {
                    "url": EXT_CONTROL,
                    "valueCodeableConcept": {
                        "coding": [
                            {"system": ITEM_CONTROL, "code": "check-box", "display": "Check-box"}
                        ]
                    },
                }
            )
        else:
            ext.append(
                {
                    "url": EXT_CONTROL,
                    "valueCodeableConcept": {
                        "coding": [
                            {
                                "system": ITEM_CONTROL,
                                "code": "radio-button",
                                "display": "Radio Button",
                            }
                        ]
                    },
                }
            )
    if ext:
        item["extension"] = ext
    return item


def questionnaire(kb: KnowledgeBase) -> dict[str, Any]:
    """Every question pregback may ask, grouped as the interview groups them (SDC Questionnaire)."""
    groups: dict[str, list[dict[str, Any]]] = {"about": [_scalar_item(kb, k) for k in kb.scalars]}
    for sym in kb.symptoms.values():
        groups.setdefault(sym.group, []).append(
            {
                "linkId": sym.id,
                "text": sym.question,
                "type": "boolean",
                "code": [
                    {"system": SYSTEM["symptom"], "code": sym.id, "display": sym.label},
                    *standard(kb, sym.id),
                ],
            }
        )
    data = {
        "resourceType": "Questionnaire",
        "id": "pregback",
        "meta": {"profile": [SDC_PROFILE]},
        "url": QUESTIONNAIRE_URL,
        "version": kb.version,
        "name": "PregbackBackPain",
        "title": "Back pain in pregnancy: what pregback asks",
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": "pregback",
        "description": "Every answer is optional: a question left unanswered is unknown. Yes means present, no "
        "means absent. Decision support, not a diagnosis.",
        "item": [
            {
                "linkId": f"group-{name}",
                "text": GROUP_TITLES.get(name, name.replace("_", " ").capitalize()),
                "type": "group",
                "item": items,
            }
            for name, items in groups.items()
        ],
    }
    return _dump(Questionnaire.model_validate(data))


def _subject(subject: dict[str, Any] | None) -> dict[str, Any]:
    return subject or {"display": "the person who answered the questionnaire"}


def _urgency(kb: KnowledgeBase, result: Assessment) -> dict[str, Any]:
    return {
        "coding": [{"system": SYSTEM["urgency"], "code": result.urgency, "display": result.label}],
        "text": f"{result.label}: {result.action}",
    }


def risk_assessment(
    kb: KnowledgeBase,
    result: Assessment,
    subject: dict[str, Any] | None,
    basis: list[dict[str, Any]],
    now: datetime,
) -> dict[str, Any]:
    """Qualitative urgency on each prediction, causes as predictions (most likely first), reasons as basis."""
    reasons = [
        {
            "identifier": {"system": SYSTEM["rule"], "value": r.id},
            "display": f"{r.title}: {r.reason}",
        }
        for r in result.fired
    ]
    predictions = []
    for rank, cause in enumerate(result.causes, start=1):
        rules = f" Named by rules {', '.join(cause.rules)}." if cause.rules else ""
        predictions.append(
            {
                "outcome": {
                    "coding": [
                        {"system": SYSTEM["cause"], "code": cause.id, "display": cause.name},
                        *standard(kb, cause.id),
                    ],
                    "text": cause.name,
                },
                "qualitativeRisk": _urgency(kb, result),
                "rationale": f"Ranked {rank} of {len(result.causes)} by fit to the findings. {cause.explanation}{rules}",
            }
        )
    data = {
        "resourceType": "RiskAssessment",
        "id": str(uuid.uuid4()),
        "status": "final",
        "subject": _subject(subject),
        "occurrenceDateTime": now.isoformat(),
        "method": {"text": f"pregback triage rules, knowledge base {result.knowledge_version}"},
        "basis": basis + reasons,
        "prediction": predictions,
        "mitigation": result.action,
        "note": [{"text": result.disclaimer}, *({"text": n} for n in result.notes)],
    }
    return _dump(RiskAssessment.model_validate(data))


def care_plan(
    kb: KnowledgeBase,
    result: Assessment,
    subject: dict[str, Any] | None,
    risk_id: str,
    now: datetime,
) -> dict[str, Any]:
    """The advice for her week and level as a proposed plan; the safety-net as notes."""
    activities = []
    for item in result.plan:
        steps = "".join(f"\n- {s}" for s in item.steps)
        cautions = "".join(f"\nCaution: {c}" for c in item.cautions)
        activities.append(
            {
                "detail": {
                    "code": {
                        "coding": [
                            {"system": SYSTEM["advice"], "code": item.id, "display": item.title}
                        ],
                        "text": item.title,
                    },
                    "status": "not-started",
                    "description": f"{item.title}. {item.summary}{steps}{cautions}",
                }
            }
        )
    data = {
        "resourceType": "CarePlan",
        "id": str(uuid.uuid4()),
        "status": "active",
        "intent": "proposal",
        "title": "What to do now, and what helps",
        "description": result.action,
        "subject": _subject(subject),
        "created": now.isoformat(),
        "supportingInfo": [{"reference": f"RiskAssessment/{risk_id}"}],
        "activity": activities,
        "note": [{"text": line.text} for line in result.safety_net] + [{"text": result.disclaimer}],
    }
    return _dump(CarePlan.model_validate(data))


def communication(
    kb: KnowledgeBase,
    result: Assessment,
    subject: dict[str, Any] | None,
    risk_id: str,
    now: datetime,
) -> dict[str, Any]:
    """What to tell her now: the action, the safety-net and the disclaimer, with a matching priority."""
    payload = [{"contentString": f"{result.label}: {result.action}"}]
    payload += [{"contentString": line.text} for line in result.safety_net]
    payload.append({"contentString": result.disclaimer})
    data = {
        "resourceType": "Communication",
        "id": str(uuid.uuid4()),
        "status": "preparation",
        "priority": PRIORITY[result.urgency],
        "subject": _subject(subject),
        "about": [{"reference": f"RiskAssessment/{risk_id}"}],
        "reasonCode": [_urgency(kb, result)],
        "payload": payload,
    }
    return _dump(Communication.model_validate(data))


def assessment_parameters(
    kb: KnowledgeBase,
    result: Assessment,
    subject: dict[str, Any] | None,
    basis: list[dict[str, Any]],
    now: datetime,
) -> dict[str, Any]:
    """The $assess output: Parameters with riskAssessment, carePlan and communication."""
    risk = risk_assessment(kb, result, subject, basis, now)
    data = {
        "resourceType": "Parameters",
        "parameter": [
            {"name": "riskAssessment", "resource": risk},
            {"name": "carePlan", "resource": care_plan(kb, result, subject, risk["id"], now)},
            {
                "name": "communication",
                "resource": communication(kb, result, subject, risk["id"], now),
            },
        ],
    }
    return _dump(Parameters.model_validate(data))
