"""HTTP API of the knowledge service (the gateway forwards /v1/knowledge)."""
