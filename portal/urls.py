"""The portal's URL layout; nginx sends only these paths here.

``/`` (exact), ``/accounts/``, ``/groups/``, ``/gms/``, ``/api/``,
``/admin/``, ``/auth/check``, ``/shop/``, ``/education/``, ``/alerts/``; ``/portal-static/`` is served by nginx.
"""

from django.contrib import admin
from django.urls import include, path

from portal import views

__all__ = ["urlpatterns"]

admin.site.site_header = "Astroparticle data centre: administration"

urlpatterns = [
    path("", views.index, name="index"),
    path("accounts/", include("portal.accounts.urls")),
    path("groups/", include("portal.groups.urls")),
    path("admin/", admin.site.urls),
    path("shop/", include("portal.shop.urls")),
    path("education/", include("portal.education.urls")),
    path("alerts/", include("portal.alerts.urls")),
    path("", include("portal.access.urls")),
]

handler400 = "portal.views.bad_request"
handler403 = "portal.views.forbidden"
handler404 = "portal.views.not_found"
handler500 = "portal.views.server_error"
