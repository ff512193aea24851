"""The portal: accounts, hierarchical groups and the access decision.

A Django 5.2 project beside DaCHS.  nginx sends ``/``, ``/accounts/``,
``/groups/``, ``/gms/``, ``/api/``, ``/admin/``, ``/auth/check`` and
``/portal-static/`` here and asks ``/auth/check`` (``auth_request``)
before it passes any other path to DaCHS.  See ``portal/README.md``.
"""
