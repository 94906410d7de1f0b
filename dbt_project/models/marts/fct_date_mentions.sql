with

date_mentions as (

    select * from {{ ref('stg_raw__date_mentions') }}

),

articles as (

    select * from {{ ref('int_articles_clustered') }}

),

final as (

    select
        {{ surrogate_key(['date_mentions.article_id', 'date_mentions.start_char']) }} as date_mention_id,
        date_mentions.article_id,
        articles.story_id,
        articles.source_id,
        date_mentions.start_char,
        date_mentions.end_char,
        date_mentions.phrase,
        date_mentions.resolved_date,
        {{ date_key('date_mentions.resolved_date') }} as resolved_date_key,
        date_mentions.resolved_precision,
        articles.published_date,
        articles.date_key as published_date_key,
        date_mentions.resolved_date - articles.published_date as days_from_published

    from date_mentions
    left join articles
        on date_mentions.article_id = articles.article_id

)

select * from final
