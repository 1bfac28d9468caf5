"""Tables of the inspection read model; `{schema}` is filled with the read schema.

It holds no transcript or work order (those stay in the event store, masked and encrypted); the
`calls.call` column of earlier releases, which did, is dropped at startup."""

DDL = """
CREATE TABLE IF NOT EXISTS {schema}.calls (
    call_id text PRIMARY KEY,
    agent_id text NOT NULL,
    team_id text NOT NULL,
    channel text NOT NULL,
    stage text NOT NULL,
    started_at timestamptz NOT NULL,
    duration_ms bigint,
    received_at timestamptz NOT NULL
);
ALTER TABLE {schema}.calls DROP COLUMN IF EXISTS call;
CREATE TABLE IF NOT EXISTS {schema}.inspections (
    call_id text PRIMARY KEY,
    agent_id text NOT NULL,
    team_id text NOT NULL,
    started_at timestamptz NOT NULL,
    category text,
    ruleset_version integer NOT NULL,
    score double precision NOT NULL,
    grade text NOT NULL,
    passed boolean NOT NULL,
    vetoed boolean NOT NULL,
    rule_codes text[] NOT NULL,
    findings jsonb NOT NULL,
    not_applicable text[] NOT NULL,
    inspected_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS inspections_started ON {schema}.inspections (started_at DESC, call_id);
CREATE INDEX IF NOT EXISTS inspections_agent ON {schema}.inspections (agent_id, started_at DESC);
CREATE INDEX IF NOT EXISTS inspections_team ON {schema}.inspections (team_id, started_at DESC);
CREATE INDEX IF NOT EXISTS inspections_rules ON {schema}.inspections USING gin (rule_codes);
"""
