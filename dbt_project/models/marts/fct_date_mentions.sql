{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='article_id',
        on_schema_change='fail',
        post_hook="{{ delete_vanished_rows(['article_id', 'start_char'], ref('stg_raw__date_mentions')) }}",
    )
}}

with

date_mentions as (

    select * from {{ ref('stg_raw__date_mentions') }}

),

articles as (

    select * from {{ ref('int_articles_clustered') }}

),

{% if is_incremental() %}

articles_in_scope as (

    -- Articles (re-)extracted within the lookback window: all their date mentions are replaced
    -- (delete+insert on article_id).
    select article_id

    from articles

    where extracted_at >= {{ incremental_cutoff('extracted_at') }}

),

date_mentions_in_scope as (

    select date_mentions.*

    from date_mentions
    inner join articles_in_scope
        on date_mentions.article_id = articles_in_scope.article_id

),

{% else %}

date_mentions_in_scope as (

    select * from date_mentions

),

{% endif %}

final as (

    select
        {{ surrogate_key(['date_mentions_in_scope.article_id', 'date_mentions_in_scope.start_char']) }}
            as date_mention_id,
        date_mentions_in_scope.article_id,
        articles.story_id,
        articles.source_id,
        date_mentions_in_scope.start_char,
        date_mentions_in_scope.end_char,
        date_mentions_in_scope.sentence_index,
        date_mentions_in_scope.phrase,
        date_mentions_in_scope.resolved_date,
        {{ date_key('date_mentions_in_scope.resolved_date') }} as resolved_date_key,
        date_mentions_in_scope.resolved_precision,
        articles.published_date,
        articles.date_key as published_date_key,
        date_mentions_in_scope.resolved_date - articles.published_date as days_from_published,
        date_mentions_in_scope.run_id,
        articles.extracted_at

    from date_mentions_in_scope
    left join articles
        on date_mentions_in_scope.article_id = articles.article_id

)

select * from final
