"""The compiled operators of the rule language, one module per family."""
