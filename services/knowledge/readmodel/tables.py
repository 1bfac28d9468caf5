"""Tables of the knowledge read model; `{schema}` is filled with the read schema.

`findings` and `inspected_calls` are windowed by the call's `started_at`: it is a fact of the
call (a test's or a replay's clock can place it), while `inspected_at` is the inspection
service's wall clock.
"""

DDL = """
CREATE TABLE IF NOT EXISTS {schema}.findings (
    call_id text NOT NULL,
    rule_code text NOT NULL,
    agent_id text NOT NULL,
    team_id text NOT NULL,
    category text,
    matched_text text,
    started_at timestamptz NOT NULL,
    inspected_at timestamptz NOT NULL,
    PRIMARY KEY (call_id, rule_code)
);
CREATE INDEX IF NOT EXISTS findings_window ON {schema}.findings (started_at, rule_code);
CREATE TABLE IF NOT EXISTS {schema}.inspected_calls (
    call_id text PRIMARY KEY,
    category text,
    started_at timestamptz NOT NULL,
    inspected_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS inspected_window ON {schema}.inspected_calls (started_at);
CREATE TABLE IF NOT EXISTS {schema}.articles (
    article_id uuid PRIMARY KEY,
    kind text NOT NULL,
    title text NOT NULL,
    revision integer NOT NULL,
    rule_codes text[] NOT NULL,
    categories text[] NOT NULL,
    tokens text[] NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_tokens ON {schema}.articles USING gin (tokens);
CREATE INDEX IF NOT EXISTS articles_rules ON {schema}.articles USING gin (rule_codes);
CREATE INDEX IF NOT EXISTS articles_categories ON {schema}.articles USING gin (categories);
CREATE INDEX IF NOT EXISTS articles_updated ON {schema}.articles (updated_at DESC, article_id);
CREATE TABLE IF NOT EXISTS {schema}.cases (
    case_id uuid PRIMARY KEY,
    kind text NOT NULL,
    title text NOT NULL,
    summary text NOT NULL,
    call_id text NOT NULL,
    rule_codes text[] NOT NULL,
    settled_answer text,
    added_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS cases_kind ON {schema}.cases (kind, added_at DESC);
CREATE TABLE IF NOT EXISTS {schema}.proposals (
    proposal_id uuid PRIMARY KEY,
    rule_code text NOT NULL,
    category text,
    trigger text NOT NULL,
    status text NOT NULL,
    finding_count integer NOT NULL,
    call_share double precision,
    window_start timestamptz,
    window_end timestamptz,
    evidence jsonb NOT NULL,
    opened_at timestamptz NOT NULL,
    decided_at timestamptz,
    reason text,
    article_id uuid,
    revision integer,
    decided_by jsonb
);
CREATE INDEX IF NOT EXISTS proposals_status ON {schema}.proposals (status, opened_at DESC);
"""
