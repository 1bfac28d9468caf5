"""The inspection read model (asyncpg): calls and their inspections, rebuilt from events."""
