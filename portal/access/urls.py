"""URLs of the access app (mounted at the site root by portal.urls)."""

from django.urls import path

from portal.access import views

__all__ = ["urlpatterns"]

urlpatterns = [
    path("auth/check", views.auth_check, name="auth-check"),
    path("gms/search", views.gms_search, name="gms-search"),
    path("api/whoami", views.api_whoami, name="api-whoami"),
    path("api/resources", views.api_resources, name="api-resources"),
]
