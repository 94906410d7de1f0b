with

articles as (

    select * from {{ ref('stg_raw__articles') }}

),

clustered as (

    select
        *,
        -- An article the deduplication stage left unclustered is a story of its own, so counting
        -- distinct stories never drops it.
        coalesce(story_id, article_id) as story_key,
        -- The day readers saw on the page (publisher's time zone) is the article's day; the UTC day
        -- only stands in when the publisher's day is unknown.
        coalesce(published_local_date, published_utc_date) as published_day

    from articles

),

story_positions as (

    -- Only the keys go through the windows: carrying body text through them costs more than the join.
    select
        article_id,
        count(*) over (partition by story_key) as story_article_count,
        -- The first copy of a story seen (earliest published, then earliest fetched) is its original;
        -- later copies are syndicated.
        row_number() over (
            partition by story_key
            order by published_at asc nulls last, first_seen_at asc, article_id asc
        ) = 1 as is_story_original

    from clustered

),

final as (

    select
        clustered.article_id,
        clustered.story_key as story_id,
        clustered.source_id,
        clustered.canonical_url,
        clustered.url,
        clustered.final_url,
        clustered.source_domain,
        clustered.run_id,
        clustered.first_seen_at,
        clustered.extracted_at,
        clustered.title,
        clustered.author,
        clustered.description,
        clustered.sitename,
        clustered.hostname,
        clustered.language,
        clustered.body_text,
        clustered.word_count,
        clustered.content_hash,
        clustered.published_at,
        clustered.published_day as published_date,
        clustered.published_utc_date,
        {{ date_key('clustered.published_day') }} as date_key,
        clustered.published_precision,
        clustered.date_evidence,
        clustered.modified_at,
        clustered.extractor_version,
        story_positions.story_article_count,
        story_positions.is_story_original

    from clustered
    inner join story_positions
        on clustered.article_id = story_positions.article_id

)

select * from final
