"""The education section: the tutorials, their records and downloads."""
