{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='article_id',
        on_schema_change='fail',
    )
}}

with

articles as (

    select * from {{ ref('int_articles_clustered') }}

),

actor_mentions as (

    select * from {{ ref('stg_raw__actor_mentions') }}

),

{% if is_incremental() %}

existing_articles as (

    select * from {{ this }}

),

article_extractions as (

    -- Its own reader of the view, not the articles CTE: a CTE read twice is materialized by DuckDB with
    -- every column of every article (body text included), only to keep a few thousand of them.
    select
        article_id,
        story_id,
        extracted_at

    from {{ ref('int_articles_clustered') }}

),

changed_articles as (

    -- Articles extracted (for the first time or again) within the lookback window.
    select
        article_id,
        story_id

    from article_extractions

    where extracted_at >= {{ incremental_cutoff('extracted_at') }}

),

affected_stories as (

    -- A new or re-extracted copy changes its story's copy count and original, and a copy that moved
    -- to another story changes the one it left.
    select story_id from changed_articles

    union

    select existing_articles.story_id

    from existing_articles
    inner join changed_articles
        on existing_articles.article_id = changed_articles.article_id

),

articles_in_scope as (

    select articles.*

    from articles
    inner join affected_stories
        on articles.story_id = affected_stories.story_id

),

{% else %}

articles_in_scope as (

    select * from articles

),

{% endif %}

mention_counts as (

    select
        actor_mentions.article_id,
        count(*) as actor_mention_count,
        count(distinct actor_mentions.actor_id) as actor_count

    from actor_mentions
    inner join articles_in_scope
        on actor_mentions.article_id = articles_in_scope.article_id

    group by actor_mentions.article_id

),

final as (

    select
        articles_in_scope.article_id,
        articles_in_scope.story_id,
        articles_in_scope.source_id,
        articles_in_scope.url,
        articles_in_scope.canonical_url,
        articles_in_scope.final_url,
        articles_in_scope.source_domain,
        articles_in_scope.title,
        articles_in_scope.author,
        articles_in_scope.description,
        articles_in_scope.body_text,
        articles_in_scope.language,
        articles_in_scope.word_count,
        articles_in_scope.content_hash,
        articles_in_scope.published_at,
        articles_in_scope.published_date,
        articles_in_scope.published_utc_date,
        articles_in_scope.date_key,
        articles_in_scope.published_precision,
        articles_in_scope.date_evidence,
        articles_in_scope.modified_at,
        articles_in_scope.first_seen_at,
        articles_in_scope.extracted_at,
        articles_in_scope.story_article_count,
        articles_in_scope.is_story_original,
        coalesce(mention_counts.actor_mention_count, 0) as actor_mention_count,
        coalesce(mention_counts.actor_count, 0) as actor_count,
        articles_in_scope.run_id,
        articles_in_scope.extractor_version

    from articles_in_scope
    left join mention_counts
        on articles_in_scope.article_id = mention_counts.article_id

)

select * from final
