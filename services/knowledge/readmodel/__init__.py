"""The knowledge read model (asyncpg): findings and inspected calls from the inspection
service, and articles, revisions and proposals from the service's own events."""
