{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='story_id',
        on_schema_change='fail',
        post_hook="{{ delete_vanished_keys('story_id', ref('fct_actor_mentions')) }}",
    )
}}

-- dim_actors' counts and first/last seen dates add up over these rows, so a night recomputes only the
-- stories it touched instead of every mention ever loaded. Stories, not articles: story_count is a
-- distinct count, and a story's copies are all here in one row per actor.

with

actor_mentions as (

    select * from {{ ref('fct_actor_mentions') }}

),

articles as (

    select * from {{ ref('fct_articles') }}

),

{% if is_incremental() %}

existing_actor_stories as (

    select * from {{ this }}

),

mention_stories as (

    -- Its own reader of the fact, not the actor_mentions CTE: a CTE read several times is materialized
    -- by DuckDB, every mention of it, only to keep the night's stories.
    select
        story_id,
        extracted_at

    from {{ ref('fct_actor_mentions') }}

),

changed_stories as (

    -- Stories holding a mention of an article (re-)extracted within the lookback window: the facts
    -- replaced those articles' mentions tonight.
    select distinct story_id

    from mention_stories

    where extracted_at >= {{ incremental_cutoff('last_extracted_at') }}

),

mention_story_totals as (

    select
        story_id,
        count(*) as mention_count

    from mention_stories

    group by story_id

),

stored_story_totals as (

    select
        story_id,
        sum(mention_count) as mention_count

    from existing_actor_stories

    group by story_id

),

drifted_stories as (

    -- A story whose stored mentions no longer add up lost (or gained) mentions outside the window: an
    -- article that moved to another story, or whose mentions were all re-extracted away. A story left
    -- with no mention at all is deleted by the post-hook.
    select mention_story_totals.story_id

    from mention_story_totals
    left join stored_story_totals
        on mention_story_totals.story_id = stored_story_totals.story_id

    where mention_story_totals.mention_count != coalesce(stored_story_totals.mention_count, 0)

),

stories_in_scope as (

    select story_id from changed_stories

    union

    select story_id from drifted_stories

),

mentions_in_scope as (

    select actor_mentions.*

    from actor_mentions
    inner join stories_in_scope
        on actor_mentions.story_id = stories_in_scope.story_id

),

{% else %}

mentions_in_scope as (

    select * from actor_mentions

),

{% endif %}

undated_article_days as (

    -- An undated article still shows when the actor was seen: the day it was first fetched.
    select
        article_id,
        cast(first_seen_at as date) as seen_date

    from articles

    where published_date is null

),

actor_articles as (

    -- One row per actor × article first: an article belongs to one story, so counting these rows per
    -- story counts distinct articles without a distinct aggregate.
    select
        mentions_in_scope.actor_id,
        mentions_in_scope.story_id,
        mentions_in_scope.article_id,
        count(*) as mention_count,
        -- Dated mentions carry their article's published_date; only undated ones need the article's row.
        min(coalesce(mentions_in_scope.published_date, undated_article_days.seen_date)) as first_seen_date,
        max(coalesce(mentions_in_scope.published_date, undated_article_days.seen_date)) as last_seen_date,
        max(mentions_in_scope.extracted_at) as last_extracted_at

    from mentions_in_scope
    left join undated_article_days
        on
            mentions_in_scope.published_date is null
            and mentions_in_scope.article_id = undated_article_days.article_id

    group by mentions_in_scope.actor_id, mentions_in_scope.story_id, mentions_in_scope.article_id

),

final as (

    select
        actor_id,
        story_id,
        cast(sum(mention_count) as bigint) as mention_count,
        count(*) as article_count,
        min(first_seen_date) as first_seen_date,
        max(last_seen_date) as last_seen_date,
        max(last_extracted_at) as last_extracted_at

    from actor_articles

    group by actor_id, story_id

)

select * from final
