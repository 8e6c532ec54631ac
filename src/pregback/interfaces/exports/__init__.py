"""pregback's interfaces/exports layer."""
