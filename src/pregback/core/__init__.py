"""pregback's core layer."""
