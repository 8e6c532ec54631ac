"""pregback's interfaces layer."""
