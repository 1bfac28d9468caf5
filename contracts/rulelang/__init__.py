"""The shared kernel: the rule language (conditions, rules), its compiler, evaluation and
evidence.

Imported by the rules service (validation, dry run) and the inspection service (inspection).
It does no I/O.
"""
