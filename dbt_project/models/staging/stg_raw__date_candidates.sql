with

raw_date_candidates as (

    select * from {{ source('raw', 'date_candidates') }}

),

final as (

    select
        article_id,
        evidence as date_evidence,
        raw_value,
        candidate_at,
        precision as candidate_precision,
        is_accepted,
        reject_reason

    from raw_date_candidates

)

select * from final
