"""URLs below /alerts/."""

from django.urls import path

from portal.alerts import views

__all__ = ["urlpatterns", "app_name"]

app_name = "alerts"

urlpatterns = [
    path("", views.alert_list, name="list"),
    path("subscription/", views.subscription, name="subscription"),
    path("<str:alert_id>/", views.alert_detail, name="detail"),
    path("<str:alert_id>/sky.png", views.sky_plot, name="sky"),
]
