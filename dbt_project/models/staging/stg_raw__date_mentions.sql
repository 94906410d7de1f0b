with

raw_date_mentions as (

    select * from {{ source('raw', 'date_mentions') }}

),

final as (

    select
        article_id,
        run_id,
        start_char,
        end_char,
        sentence_index,
        phrase,
        resolved_date,
        precision as resolved_precision

    from raw_date_mentions

)

select * from final
