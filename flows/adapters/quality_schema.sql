-- Tables of the validation stage (flows/adapters/quality.py), applied with `create table if not exists`.
create schema if not exists raw;

-- One row per run × expectation × batch (source_id null = the whole run). Re-validating a run
-- deletes that run's rows first, so a night has one set of results however often it is checked.
create table if not exists raw.validation_results (
    run_id varchar not null,
    suite varchar not null,                 -- raw_extraction | fetch_health | source_drift | mart_*
    expectation varchar not null,           -- stable check name, e.g. body_present
    source_id varchar,                      -- null when the check covers the whole run
    severity varchar not null,              -- critical | warning
    column_name varchar,
    is_success boolean not null,
    observed_value varchar,                 -- share of offending rows, or the measured value
    unexpected_examples varchar[],          -- up to 5 offending rows (URL or key, with the value)
    message varchar not null,
    validated_at timestamp not null         -- UTC
);

-- One row per run × source: the volumes and rates the drift checks compare with earlier runs.
create table if not exists raw.source_run_metrics (
    run_id varchar not null,
    run_date date not null,
    source_id varchar not null,
    discovered integer not null,            -- URLs with a fetch row this run
    fetched integer not null,               -- status = fetched
    failed integer not null,                -- neither healthy nor skipped by policy
    articles integer not null,              -- raw.articles last extracted by this run
    articles_with_date integer not null,
    mentions integer not null,
    extraction_yield double,                -- articles / fetched; null when nothing was fetched
    date_coverage double,                   -- articles_with_date / articles
    mentions_per_article double,            -- mentions / articles
    computed_at timestamp not null,         -- UTC
    primary key (run_id, source_id)
);
