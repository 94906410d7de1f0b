with

raw_runs as (

    select * from {{ source('raw', 'runs') }}

),

final as (

    select
        run_id,
        run_date,
        started_at,
        finished_at,
        status as run_status,
        newsdesk_version,
        extractor_version,
        sources_file

    from raw_runs

)

select * from final
