with

raw_articles as (

    select * from {{ source('raw', 'articles') }}

),

final as (

    select
        article_id,
        story_id,
        source_name as source_id,
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
        lower(language) as language,
        body_text,
        word_count,
        content_hash,
        published_at,
        cast(published_at as date) as published_utc_date,
        published_local_date,
        published_precision,
        date_evidence,
        modified_at,
        extractor_version

    from raw_articles

)

select * from final
