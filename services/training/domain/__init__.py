"""The training domain: pure aggregates and rules, no I/O."""
