with

fetches as (

    select * from {{ ref('int_fetches_dated') }}

),

articles as (

    select * from {{ ref('stg_raw__articles') }}

),

final as (

    select
        fetches.fetch_id,
        fetches.run_id,
        fetches.run_date,
        fetches.url,
        fetches.canonical_url,
        fetches.final_url,
        fetches.source_id,
        articles.article_id,
        fetches.discovered_via,
        fetches.entry_title,
        fetches.entry_published_at,
        fetches.fetch_status,
        fetches.http_status,
        fetches.content_type,
        fetches.body_bytes,
        fetches.attempt_count,
        fetches.error_message,
        fetches.warc_record_id,
        fetches.warc_path,
        fetches.warc_offset,
        fetches.etag,
        fetches.last_modified_header,
        fetches.fetched_at,
        fetches.fetch_date,
        {{ date_key('fetches.fetch_date') }} as date_key

    from fetches
    left join articles
        on fetches.canonical_url = articles.canonical_url

)

select * from final
