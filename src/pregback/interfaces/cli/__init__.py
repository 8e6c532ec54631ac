"""pregback's interfaces/cli layer."""
