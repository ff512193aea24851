"""Writers of the experiment formats (docs/architecture.md)."""
