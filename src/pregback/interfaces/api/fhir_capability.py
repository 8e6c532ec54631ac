"""The FHIR CapabilityStatement at /fhir/metadata: what pregback's FHIR endpoints support, as a
FHIR client expects to find it before it calls anything else.

Owns: describing the /fhir routes (read of the Questionnaire, $assess on a QuestionnaireResponse)
and the code systems they use. Never: claiming an interaction or search that is not served (a test
calls every one it names).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from pregback import __version__
from pregback.interfaces.api.fhir_build import CANONICAL, QUESTIONNAIRE_URL, SDC_PROFILE
from pregback.knowledge import KnowledgeBase

#: The FHIR version of the resources served: R4 (the resources used are the same in R4B, against
#: whose models fhir.resources validates them).
FHIR_VERSION = "4.0.1"
ASSESS_OPERATION = f"{CANONICAL}/OperationDefinition/QuestionnaireResponse-assess"


def capability_statement(kb: KnowledgeBase, base: str, published: datetime) -> dict[str, Any]:
    """What this server supports under `base` (the /fhir address people reach it at)."""
    data = {
        "resourceType": "CapabilityStatement",
        "id": "pregback",
        "url": f"{CANONICAL}/CapabilityStatement/pregback",
        "version": __version__,
        "name": "PregbackFhirServer",
        "title": "pregback FHIR endpoints",
        "status": "active",
        "date": published.isoformat(),
        "publisher": "pregback",
        "description": "Back pain in pregnancy: the questions pregback asks (an SDC Questionnaire) and "
        "$assess, which turns a QuestionnaireResponse into a RiskAssessment, a CarePlan and a "
        f"Communication. Knowledge base {kb.version}. Decision support, not a diagnosis.",
        "kind": "instance",
        "software": {"name": "pregback", "version": __version__},
        "implementation": {"description": "pregback FHIR endpoints", "url": base},
        "fhirVersion": FHIR_VERSION,
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "documentation": "Findings carry SNOMED CT and LOINC codes where a code exists "
                "(docs/api.md), beside pregback's own code systems. Errors are "
                "application/problem+json.",
                "resource": [
                    {
                        "type": "Questionnaire",
                        "profile": SDC_PROFILE,
                        "documentation": f"One Questionnaire: {QUESTIONNAIRE_URL} "
                        "(GET Questionnaire/pregback).",
                        "interaction": [{"code": "read"}],
                    },
                    {
                        "type": "QuestionnaireResponse",
                        "documentation": "POST QuestionnaireResponse/$assess with a response to "
                        "the pregback Questionnaire; nothing is stored.",
                        "operation": [{"name": "assess", "definition": ASSESS_OPERATION}],
                    },
                ],
            }
        ],
    }
    out: dict[str, Any] = CapabilityStatement.model_validate(data).model_dump(
        mode="json", exclude_none=True
    )
    return out
