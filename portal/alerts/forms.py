"""The subscription form."""

from django import forms

__all__ = ["SubscriptionForm"]


class SubscriptionForm(forms.Form):
    subscribed = forms.BooleanField(
        required=False, label="Mail me the summary of every analysed alert")
