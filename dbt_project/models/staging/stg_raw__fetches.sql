with

raw_fetches as (

    select * from {{ source('raw', 'fetches') }}

),

final as (

    select
        run_id,
        url,
        canonical_url,
        final_url,
        source_name as source_id,
        discovered_via,
        entry_title,
        entry_published_at,
        status as fetch_status,
        http_status,
        content_type,
        body_bytes,
        attempts as attempt_count,
        error as error_message,
        warc_record_id,
        warc_path,
        warc_offset,
        etag,
        last_modified as last_modified_header,
        fetched_at

    from raw_fetches

)

select * from final
