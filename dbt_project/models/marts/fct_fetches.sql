{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='fetch_id',
        on_schema_change='fail',
        post_hook="{{ delete_vanished_rows(['run_id', 'url'], ref('stg_raw__fetches')) }}",
    )
}}

-- depends_on: {{ ref('stg_raw__fetches') }}

with

fetches as (

    select * from {{ ref('int_fetches_dated') }}

),

articles as (

    select * from {{ ref('stg_raw__articles') }}

),

{% if is_incremental() %}

existing_fetches as (

    select * from {{ this }}

),

recent_runs as (

    -- Runs that fetched within the lookback window: a re-run of a night replaces all its rows.
    select distinct run_id

    from fetches

    where fetched_at >= {{ incremental_cutoff('fetched_at') }}

),

recent_articles as (

    -- An article extracted within the window links every earlier fetch of its canonical URL.
    select canonical_url

    from articles

    where extracted_at >= {{ incremental_cutoff('fetched_at') }}

),

fetches_in_scope as (

    select fetches.*

    from fetches

    where
        fetches.run_id in (select recent_runs.run_id from recent_runs)
        or fetches.canonical_url in (select recent_articles.canonical_url from recent_articles)
        -- Rows never seen before, e.g. URLs a run skipped without a request (no fetched_at).
        or fetches.fetch_id not in (select existing_fetches.fetch_id from existing_fetches)

),

{% else %}

fetches_in_scope as (

    select * from fetches

),

{% endif %}

final as (

    select
        fetches_in_scope.fetch_id,
        fetches_in_scope.run_id,
        fetches_in_scope.run_date,
        fetches_in_scope.url,
        fetches_in_scope.canonical_url,
        fetches_in_scope.final_url,
        fetches_in_scope.source_id,
        articles.article_id,
        fetches_in_scope.discovered_via,
        fetches_in_scope.entry_title,
        fetches_in_scope.entry_published_at,
        fetches_in_scope.fetch_status,
        fetches_in_scope.http_status,
        fetches_in_scope.content_type,
        fetches_in_scope.body_bytes,
        fetches_in_scope.attempt_count,
        fetches_in_scope.error_message,
        fetches_in_scope.warc_record_id,
        fetches_in_scope.warc_path,
        fetches_in_scope.warc_offset,
        fetches_in_scope.etag,
        fetches_in_scope.last_modified_header,
        fetches_in_scope.fetched_at,
        fetches_in_scope.fetch_date,
        {{ date_key('fetches_in_scope.fetch_date') }} as date_key

    from fetches_in_scope
    left join articles
        on fetches_in_scope.canonical_url = articles.canonical_url

)

select * from final
