"""URLs below /groups/."""

from django.urls import path

from portal.groups import views

__all__ = ["urlpatterns", "app_name"]

app_name = "groups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path("<slug:name>/", views.group_detail, name="detail"),
    path("<slug:name>/members/", views.add_member, name="add-member"),
    path("<slug:name>/members/<int:user_id>/remove/", views.remove_member,
         name="remove-member"),
]
