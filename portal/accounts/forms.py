"""Forms of the account pages."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

__all__ = ["RegistrationForm", "EmailForm", "LicenceForm", "TokenForm",
           "DeleteForm"]


class RegistrationForm(UserCreationForm):
    """User name, e-mail, password twice and the licence accepted."""

    email = forms.EmailField(required=True)
    accept_licence = forms.BooleanField(
        required=True, label="I accept the data licence shown above")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self):
        """Refuse an address another account has (in any letter case)."""
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("An account with this address "
                                        "exists already.")
        return email


class EmailForm(forms.Form):
    """An e-mail address (to send the verification link again)."""

    email = forms.EmailField()


class LicenceForm(forms.Form):
    """Acceptance of the current licence version."""

    accept_licence = forms.BooleanField(
        required=True, label="I accept this version of the data licence")


class TokenForm(forms.Form):
    """The label of a new API token."""

    name = forms.CharField(max_length=100, label="Label (e.g. laptop)")


class DeleteForm(forms.Form):
    """The password once more, before the account goes."""

    password = forms.CharField(widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        """Refuse a wrong password."""
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("This is not your password.")
        return password
