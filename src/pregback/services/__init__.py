"""pregback's services layer."""
