"""The knowledge domain: pure aggregates and detection logic (no I/O)."""
