-- Raw layer of the warehouse: what the Python stages load, keyed so a re-run of the same night adds no rows.
-- dbt reads these tables through sources (dbt_project/models/staging/_raw__sources.yml); nothing else does.
create schema if not exists raw;

-- One row per nightly run (run_id = 'nightly-YYYY-MM-DD'; re-running a night replaces its row).
create table if not exists raw.runs (
    run_id varchar primary key,
    run_date date not null,
    started_at timestamp not null,          -- UTC
    finished_at timestamp,                  -- UTC, null while running
    status varchar not null,                -- running | succeeded | failed
    newsdesk_version varchar not null,
    extractor_version varchar not null,     -- trafilatura version
    sources_file varchar
);

-- The configured sources (outlets) as of the latest run.
create table if not exists raw.sources (
    source_name varchar primary key,
    source_kind varchar not null,           -- rss | atom | sitemap | urls | warc
    source_location varchar not null,       -- feed/sitemap URL or file path/glob
    outlet_name varchar,
    outlet_domain varchar,
    outlet_country_code varchar,            -- ISO 3166-1 alpha-3
    is_state_media boolean not null default false,
    loaded_at timestamp not null
);

-- One row per URL per run with its one terminal status.
create table if not exists raw.fetches (
    run_id varchar not null,
    url varchar not null,                   -- as discovered
    canonical_url varchar,
    source_name varchar not null,
    discovered_via varchar not null,        -- rss | atom | sitemap | urls | warc
    entry_title varchar,                    -- what the feed/sitemap said about the entry
    entry_published_at timestamp,           -- UTC, feed pubDate/updated or sitemap lastmod/news date
    status varchar not null,                -- fetched | not_modified | already_seen | http_error | timeout | ...
    http_status integer,
    final_url varchar,
    content_type varchar,
    body_bytes bigint,
    attempts integer not null default 0,
    error varchar,
    warc_record_id varchar,                 -- archived response record, when one was archived
    warc_path varchar,                      -- the WARC file holding it (the run's archive or a WARC source)
    warc_offset bigint,                     -- byte offset of the record in that file
    etag varchar,                           -- validators for a conditional GET when the page changes
    last_modified varchar,
    fetched_at timestamp,                   -- UTC
    primary key (run_id, url)
);

-- One row per article copy (per canonical URL); the latest extraction wins.
create table if not exists raw.articles (
    article_id varchar primary key,         -- stable hash of canonical_url
    canonical_url varchar not null,
    url varchar not null,
    final_url varchar,
    source_name varchar not null,
    source_domain varchar not null,
    run_id varchar not null,                -- run that last (re)extracted it
    first_seen_at timestamp not null,       -- UTC, first time any run fetched it
    extracted_at timestamp not null,        -- UTC
    title varchar,
    author varchar,
    description varchar,
    sitename varchar,
    hostname varchar,
    language varchar,                       -- ISO 639-1
    body_text varchar,
    word_count integer,
    content_hash varchar,                   -- sha256 of normalized body text
    story_id varchar,                       -- cluster of syndicated copies
    published_at timestamp,                 -- UTC
    published_precision varchar,            -- minute | day
    published_local_date date,              -- the day the publisher printed, in its own time zone
    date_evidence varchar,                  -- jsonld | meta | url | feed | text | extractor
    modified_at timestamp,                  -- UTC
    extractor_version varchar not null
);

-- One row per actor mention in an article's title or body.
create table if not exists raw.actor_mentions (
    mention_id varchar primary key,         -- hash of article_id, field, start, end
    article_id varchar not null,
    run_id varchar not null,
    field varchar not null,                 -- title | body
    start_char integer not null,            -- offsets into that field's stored text
    end_char integer not null,
    sentence_index integer not null,
    surface_form varchar not null,
    actor_id varchar not null,
    canonical_name varchar not null,
    actor_type varchar not null,            -- person | organisation | government | igo | media | country | place
    entity_class varchar not null,          -- PER | ORG | LOC
    country_code varchar,                   -- ISO 3166-1 alpha-3
    cameo_code varchar,                     -- e.g. USAGOV
    role varchar,                           -- role held on the article's date, e.g. Secretary of State
    is_known_actor boolean not null,        -- in the curated dictionary
    method varchar not null,                -- dictionary | pattern | model
    confidence double not null
);

-- Countries from pycountry (regions from countryinfo), reloaded each run.
create table if not exists raw.countries (
    country_code varchar primary key,       -- ISO 3166-1 alpha-3
    country_code_alpha2 varchar not null,
    country_name varchar not null,
    official_name varchar,
    numeric_code varchar,
    region varchar,                         -- UN geoscheme region ("Asia")
    subregion varchar                       -- UN geoscheme subregion ("Western Asia")
);
-- Warehouses created before regions were loaded gain the columns.
alter table raw.countries add column if not exists region varchar;
alter table raw.countries add column if not exists subregion varchar;

-- The complete actor dictionary a run used: curated seeds (dbt_project/seeds) plus countries and their
-- governments generated from package data. Replaced each run.
create table if not exists raw.actors (
    actor_id varchar primary key,           -- e.g. per:antony-blinken, gov:AZE, cty:AZE, igo:eu, med:tass
    canonical_name varchar not null,
    actor_type varchar not null,            -- person | organisation | government | igo | media | country | place
    entity_class varchar not null,          -- PER | ORG | LOC
    country_code varchar,                   -- ISO 3166-1 alpha-3
    cameo_code varchar,
    wikidata_id varchar,
    dictionary_source varchar not null      -- seed | pycountry
);

-- Roles with their validity (valid_to null = still held). Replaced each run.
create table if not exists raw.actor_roles (
    actor_id varchar not null,
    role varchar not null,                  -- e.g. Secretary of State
    role_country_code varchar,
    cameo_code varchar,                     -- e.g. USAGOV
    valid_from date not null,
    valid_to date,
    primary key (actor_id, role, valid_from)
);

-- Every publication-date candidate seen for an article, accepted or rejected with the reason.
create table if not exists raw.date_candidates (
    article_id varchar not null,
    evidence varchar not null,              -- jsonld | meta | url | feed | text | extractor
    raw_value varchar not null,
    candidate_at timestamp,                 -- UTC, null when unparseable
    precision varchar,                      -- minute | day
    is_accepted boolean not null,
    reject_reason varchar,                  -- future | too_old | unparseable | superseded
    primary key (article_id, evidence, raw_value)
);

-- Dates mentioned in an article's text, resolved relative to its publication date.
create table if not exists raw.date_mentions (
    article_id varchar not null,
    run_id varchar not null,
    start_char integer not null,            -- offsets into the article's stored body_text
    end_char integer not null,
    sentence_index integer not null,        -- numbered as raw.actor_mentions' (one sentence splitter)
    phrase varchar not null,
    resolved_date date,
    precision varchar not null,             -- day | week | month | year
    primary key (article_id, start_char)
);
-- Warehouses created before date mentions named their run and sentence gain the columns; their rows get
-- them filled by warehouse.fill_date_mention_provenance.
alter table raw.date_mentions add column if not exists run_id varchar;
alter table raw.date_mentions add column if not exists sentence_index integer;
