"""HTTP API of the inspection service (the gateway forwards /v1/calls and /v1/inspections)."""
