with

fetches as (

    select * from {{ ref('stg_raw__fetches') }}

),

runs as (

    select * from {{ ref('stg_raw__runs') }}

),

dated as (

    select
        fetches.*,
        -- A run's row may be missing (a crashed run, or raw.runs not loaded yet): its id still names
        -- its date, 'nightly-YYYY-MM-DD'.
        coalesce(
            runs.run_date,
            try_cast(regexp_extract(fetches.run_id, '(\d{4}-\d{2}-\d{2})$', 1) as date)
        ) as run_date

    from fetches
    left join runs
        on fetches.run_id = runs.run_id

),

final as (

    select
        {{ surrogate_key(['run_id', 'url']) }} as fetch_id,
        run_id,
        run_date,
        url,
        canonical_url,
        final_url,
        source_id,
        discovered_via,
        entry_title,
        entry_published_at,
        fetch_status,
        http_status,
        content_type,
        body_bytes,
        attempt_count,
        error_message,
        warc_record_id,
        warc_path,
        warc_offset,
        etag,
        last_modified_header,
        fetched_at,
        -- URLs skipped without a request (already seen, robots) have no fetched_at: they belong to
        -- the run's date.
        coalesce(cast(fetched_at as date), run_date) as fetch_date

    from dated

)

select * from final
