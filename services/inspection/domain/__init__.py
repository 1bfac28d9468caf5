"""Inspection domain: pure logic and aggregates, no I/O."""
