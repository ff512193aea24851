"""The form a group manager adds a member with."""

from django import forms
from django.contrib.auth import get_user_model

__all__ = ["AddMemberForm"]


class AddMemberForm(forms.Form):
    """A user name that must belong to an active account."""

    username = forms.CharField(max_length=150)

    def clean_username(self):
        """The user of that name, if active."""
        user = get_user_model().objects.filter(
            username=self.cleaned_data["username"], is_active=True).first()
        if user is None:
            raise forms.ValidationError("No active account of that name.")
        return user
