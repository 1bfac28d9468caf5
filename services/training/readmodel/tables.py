"""Tables of the training read model; `{schema}` is filled with the read schema.

Stage and effect are not stored: queries derive them from assignments and verifications, so
the two consumers feeding these tables may run in any order.
"""

DDL = """
CREATE TABLE IF NOT EXISTS {schema}.programmes (
    programme_id uuid PRIMARY KEY,
    title text NOT NULL,
    source text NOT NULL,
    article_ids text[] NOT NULL,
    case_ids text[] NOT NULL,
    rule_codes text[] NOT NULL,
    audience_agents text[] NOT NULL,
    audience_teams text[] NOT NULL,
    published_at timestamptz NOT NULL,
    correlation_id text NOT NULL
);
CREATE TABLE IF NOT EXISTS {schema}.assignments (
    programme_id uuid NOT NULL,
    trainee_id text NOT NULL,
    level text NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL,
    best_score double precision,
    completed_at timestamptz,
    PRIMARY KEY (programme_id, trainee_id)
);
CREATE TABLE IF NOT EXISTS {schema}.verifications (
    verification_id uuid PRIMARY KEY,
    programme_id uuid NOT NULL,
    agent_id text NOT NULL,
    rule_codes text[] NOT NULL,
    trained_at timestamptz,
    window_days integer,
    outcome text NOT NULL DEFAULT 'pending',
    calls_before integer,
    calls_after integer,
    rate_before double precision,
    rate_after double precision,
    window_start timestamptz,
    window_end timestamptz,
    decided_at timestamptz
);
CREATE INDEX IF NOT EXISTS programmes_rules ON {schema}.programmes USING gin (rule_codes);
CREATE INDEX IF NOT EXISTS programmes_agents ON {schema}.programmes USING gin (audience_agents);
CREATE INDEX IF NOT EXISTS assignments_trainee ON {schema}.assignments (trainee_id);
CREATE INDEX IF NOT EXISTS verifications_programme ON {schema}.verifications (programme_id);
CREATE INDEX IF NOT EXISTS verifications_agent ON {schema}.verifications (agent_id);
"""
