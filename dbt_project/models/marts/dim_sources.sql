with

sources as (

    select * from {{ ref('stg_raw__sources') }}

),

articles as (

    select * from {{ ref('int_articles_clustered') }}

),

fetches as (

    select * from {{ ref('int_fetches_dated') }}

),

countries as (

    select * from {{ ref('stg_raw__countries') }}

),

article_stats as (

    select
        source_id,
        count(*) as article_count,
        count(distinct story_id) as story_count,
        count(*) filter (where is_story_original) as original_article_count,
        min(published_date) as first_published_date,
        max(published_date) as last_published_date

    from articles

    group by source_id

),

fetch_stats as (

    select
        source_id,
        count(*) as fetch_count,
        count(*) filter (where fetch_status = 'fetched') as fetched_count

    from fetches

    group by source_id

),

seen_source_ids as (

    -- raw.sources holds only the sources configured in the latest run; articles and fetches of a
    -- source removed since still need their row here.
    select source_id from sources
    union
    select source_id from article_stats
    union
    select source_id from fetch_stats

),

final as (

    select
        seen_source_ids.source_id,
        sources.outlet_name,
        sources.outlet_domain,
        sources.outlet_country_code as country_code,
        countries.country_name,
        coalesce(sources.is_state_media, false) as is_state_media,
        sources.source_kind,
        sources.source_location,
        sources.source_id is not null as is_configured,
        coalesce(article_stats.article_count, 0) as article_count,
        coalesce(article_stats.story_count, 0) as story_count,
        coalesce(article_stats.original_article_count, 0) as original_article_count,
        article_stats.first_published_date,
        article_stats.last_published_date,
        coalesce(fetch_stats.fetch_count, 0) as fetch_count,
        coalesce(fetch_stats.fetched_count, 0) as fetched_count

    from seen_source_ids
    left join sources
        on seen_source_ids.source_id = sources.source_id
    left join countries
        on sources.outlet_country_code = countries.country_code
    left join article_stats
        on seen_source_ids.source_id = article_stats.source_id
    left join fetch_stats
        on seen_source_ids.source_id = fetch_stats.source_id

)

select * from final
