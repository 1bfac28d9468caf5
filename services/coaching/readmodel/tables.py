"""Tables of the coaching read model; `{schema}` is filled with the read schema.

`agent_calls`: one row per call, from the inspection service's CallReceived (survey, duration)
and InspectionCompleted (passed, rule codes), whichever comes first; monthly figures are
computed from it by SQL. `plans`: the coaching plans, from our own events;
`previous_plan_id` links a follow-up plan to the plan whose review opened it, and that plan's
`follow_up_plan_id` links back.
"""

DDL = """
CREATE TABLE IF NOT EXISTS {schema}.agent_calls (
    call_id text PRIMARY KEY,
    agent_id text NOT NULL,
    team_id text NOT NULL,
    started_at timestamptz NOT NULL,
    duration_ms bigint,
    satisfaction smallint,
    resolved boolean,
    passed boolean,
    rule_codes text[] NOT NULL DEFAULT '{{}}'
);
CREATE INDEX IF NOT EXISTS agent_calls_agent ON {schema}.agent_calls (agent_id, started_at);
CREATE INDEX IF NOT EXISTS agent_calls_started ON {schema}.agent_calls (started_at);
CREATE TABLE IF NOT EXISTS {schema}.plans (
    plan_id uuid PRIMARY KEY,
    agent_id text NOT NULL,
    team_id text,
    reason text NOT NULL,
    status text NOT NULL,
    rule_codes text[] NOT NULL,
    call_ids text[] NOT NULL,
    follow_up_until timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL,
    sessions jsonb NOT NULL DEFAULT '[]',
    outcome text,
    rate_before double precision,
    rate_after double precision,
    escalated boolean NOT NULL DEFAULT false,
    previous_plan_id uuid,
    follow_up_plan_id uuid
);
CREATE INDEX IF NOT EXISTS plans_agent ON {schema}.plans (agent_id, recorded_at DESC);
CREATE INDEX IF NOT EXISTS plans_due ON {schema}.plans (follow_up_until) WHERE status = 'open';
"""
