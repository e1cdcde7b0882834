"""The console's operator client, for the fleet view's on-time column."""

from tests.console.conftest import operator_client

__all__ = ["operator_client"]
