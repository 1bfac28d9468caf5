"""The knowledge read model (asyncpg): findings and inspected calls from the inspection
service (`findings_projector`, read by `findings` for detection, the digest and flagged gaps),
and articles, cases and proposals from the service's own events (`projector`, read by
`queries`)."""
