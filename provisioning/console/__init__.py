"""The operations centre's console: Django's admin on the console host (public schema).

It sits above what it calls: the site registry (``tenants``: the sites, their
domains and lifecycle, the audit trail) and provisioning (new-site jobs, the
editorial boards). Nothing below imports it; only ``config.urls_console`` serves it
(tests/test_layout.py).
"""
