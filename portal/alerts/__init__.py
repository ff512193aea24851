"""Analysed neutrino alerts in the portal: pages, sky plots, subscriptions."""
