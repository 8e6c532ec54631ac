"""Her own data, kept on her machine: people, diary entries, timed waves and assessments.

Owns: the database (db), its tables (models), the ways to read and change them (repository) and
the Alembic migrations. Never: imported by the core; clinical logic (that is triage and history).
"""
