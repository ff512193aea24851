"""The education app: tutorials for schools and the public (/education/)."""

from django.apps import AppConfig

__all__ = ["EducationConfig"]


class EducationConfig(AppConfig):
    name = "portal.education"
    label = "education"
    verbose_name = "Tutorials (education)"
