"""Dead letters: what consumers could not parse or apply, and what the relay could not publish,
kept in each service's read schema for an operator to replay or discard (docs/reliability.md)."""
