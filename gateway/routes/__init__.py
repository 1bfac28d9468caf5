"""Public routes, one module per resource."""
