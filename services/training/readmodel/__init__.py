"""The training read model (asyncpg): programmes, assignments and verifications."""
