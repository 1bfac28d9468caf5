"""The REST gateway: one public API, authenticated, in front of the services."""
