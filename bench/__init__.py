"""Benchmarks: the rule engine on one core, and the whole system end to end."""
