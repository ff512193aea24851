"""URLs below /education/."""

from django.urls import path

from portal.education import views

__all__ = ["urlpatterns", "app_name"]

app_name = "education"

urlpatterns = [
    path("", views.tutorial_list, name="list"),
    path("<slug:slug>/", views.tutorial_detail, name="detail"),
    path("<slug:slug>/<slug:language>/view/", views.rendered, name="view"),
    path("<slug:slug>/<slug:language>/notebook/", views.notebook,
         name="notebook"),
    path("<slug:slug>/classroom/", views.classroom, name="classroom"),
]
