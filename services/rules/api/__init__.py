"""HTTP API of the rules service (the gateway forwards /v1/rulesets and /v1/rules)."""
