"""Operator tools of the astroparticle VO data centre."""
