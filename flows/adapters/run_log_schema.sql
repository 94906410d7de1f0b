-- How each run went, for validation and operators; not modelled by dbt.
create schema if not exists raw;

-- One row per source per run: how many entries its feed, sitemap, URL list or WARC files announced
-- (before URLs announced by several sources are counted once), or why it could not be read.
create table if not exists raw.source_discoveries (
    run_id varchar not null,
    source_name varchar not null,
    entries_found integer not null,
    discovery_error varchar,
    discovered_at timestamp not null,       -- UTC
    primary key (run_id, source_name)
);
