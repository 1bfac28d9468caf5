"""Request and response bodies of the public HTTP API, one module per service: the services
answer with them and the gateway documents them, so OpenAPI shows every schema."""
