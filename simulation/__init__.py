"""Seeded generators of simulated events (docs/architecture.md)."""
