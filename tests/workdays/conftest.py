"""The console's operator client, for the calendar's console tests."""

from tests.console.conftest import operator_client

__all__ = ["operator_client"]
