with

articles as (

    select * from {{ ref('int_articles_clustered') }}

),

actor_mentions as (

    select * from {{ ref('stg_raw__actor_mentions') }}

),

mention_counts as (

    select
        article_id,
        count(*) as actor_mention_count,
        count(distinct actor_id) as actor_count

    from actor_mentions

    group by article_id

),

final as (

    select
        articles.article_id,
        articles.story_id,
        articles.source_id,
        articles.url,
        articles.canonical_url,
        articles.final_url,
        articles.source_domain,
        articles.title,
        articles.author,
        articles.description,
        articles.body_text,
        articles.language,
        articles.word_count,
        articles.content_hash,
        articles.published_at,
        articles.published_date,
        articles.published_utc_date,
        articles.date_key,
        articles.published_precision,
        articles.date_evidence,
        articles.modified_at,
        articles.first_seen_at,
        articles.extracted_at,
        articles.story_article_count,
        articles.is_story_original,
        coalesce(mention_counts.actor_mention_count, 0) as actor_mention_count,
        coalesce(mention_counts.actor_count, 0) as actor_count,
        articles.run_id,
        articles.extractor_version

    from articles
    left join mention_counts
        on articles.article_id = mention_counts.article_id

)

select * from final
