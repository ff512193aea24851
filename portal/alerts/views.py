"""Pages of the analysed alerts (thin: the data, plot and rights live in
data.py, plot.py and services.py)."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from portal.alerts import data, plot, services
from portal.alerts.forms import SubscriptionForm

__all__ = ["alert_list", "alert_detail", "sky_plot", "subscription"]

# run_event, as in icecube_alerts.alerts.alert_id
_ALERT_ID = re.compile(r"^[0-9]{1,12}_[0-9]{1,20}$")


def _analysis(alert_id):
    found = data.analysis(alert_id) if _ALERT_ID.match(alert_id) else None
    if found is None:
        raise Http404(f"alert {alert_id} has not been analysed")
    return found


def alert_list(request):
    """The analysed alerts, newest first."""
    return render(request, "alerts/list.html", {
        "analyses": data.latest(),
        "may_subscribe": services.may_subscribe(request.user)})


def alert_detail(request, alert_id):
    """One analysis: counts, probabilities, counterparts, the sky plot."""
    analysis, searches, found = _analysis(alert_id)
    return render(request, "alerts/detail.html", {
        "a": analysis, "searches": searches, "counterparts": found})


def sky_plot(request, alert_id):
    """The sky plot of one analysis (PNG)."""
    analysis, _, found = _analysis(alert_id)
    return HttpResponse(plot.sky_png(analysis, found),
                        content_type="image/png")


@login_required
def subscription(request):
    """Subscribe to (or leave) the alert summaries: alerts group only."""
    if not services.may_subscribe(request.user):
        return render(request, "alerts/subscription.html", {
            "refused": True, "group": services.GROUP}, status=403)
    if request.method == "POST":
        form = SubscriptionForm(request.POST)
        if form.is_valid():
            on = form.cleaned_data["subscribed"]
            services.set_subscribed(request.user, on)
            messages.success(request, "You are subscribed to the alert "
                             "summaries." if on else "You are no longer "
                             "subscribed to the alert summaries.")
            return redirect("alerts:subscription")
    form = SubscriptionForm(initial={
        "subscribed": services.is_subscribed(request.user)})
    return render(request, "alerts/subscription.html", {
        "form": form, "group": services.GROUP,
        "subscribed": services.is_subscribed(request.user)})
