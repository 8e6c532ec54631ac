"""The HTTP service: REST under /v1, CDS Hooks 2.0 and FHIR R4 over the same core as the CLI.

Owns: the FastAPI application (`pregback.interfaces.api.app.create_app`). Never: imported by `pregback` itself
or by the CLI at start-up (FastAPI loads only when the service runs).
"""
