"""The training service's HTTP API."""
