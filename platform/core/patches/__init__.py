"""Workarounds for upstream behaviour, one module each, applied in CoreConfig.ready().

Each module names what it works around and when it can be removed.
"""
