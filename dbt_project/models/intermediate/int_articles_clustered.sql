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

final as (

    select
        article_id,
        story_key as story_id,
        source_id,
        canonical_url,
        url,
        final_url,
        source_domain,
        run_id,
        first_seen_at,
        extracted_at,
        title,
        author,
        description,
        sitename,
        hostname,
        language,
        body_text,
        word_count,
        content_hash,
        published_at,
        published_day as published_date,
        published_utc_date,
        {{ date_key('published_day') }} as date_key,
        published_precision,
        date_evidence,
        modified_at,
        extractor_version,
        count(*) over (partition by story_key) as story_article_count,
        -- The first copy of a story seen (earliest published, then earliest fetched) is its original;
        -- later copies are syndicated.
        row_number() over (
            partition by story_key
            order by published_at asc nulls last, first_seen_at asc, article_id asc
        ) = 1 as is_story_original

    from clustered

)

select * from final
