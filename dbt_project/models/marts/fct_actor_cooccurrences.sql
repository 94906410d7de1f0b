{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='published_date',
        on_schema_change='fail',
        post_hook="{{ delete_days_without_pairs(ref('fct_articles')) }}",
    )
}}

-- depends_on: {{ ref('fct_articles') }}

with

actor_mentions as (

    -- Read from the mentions fact (a table), not the intermediate view, so a night does not resolve
    -- every mention's role again.
    select * from {{ ref('fct_actor_mentions') }}

),

{% if is_incremental() %}

articles as (

    -- Each article's count of distinct actors (actor_count) gives the pairs its day should hold.
    select * from {{ ref('fct_articles') }}

),

existing_cooccurrences as (

    select * from {{ this }}

),

changed_days as (

    -- Days of articles (re-)extracted within the lookback window.
    select distinct published_date

    from articles

    where
        published_date is not null
        and extracted_at >= {{ incremental_cutoff('last_extracted_at') }}

),

expected_day_totals as (

    -- An article naming k distinct actors adds k(k-1)/2 pairs to its day. fct_articles counts them per
    -- article (actor_count), so this reads one row per article instead of every mention.
    select
        published_date,
        sum(actor_count * (actor_count - 1) // 2) as pair_article_total

    from articles

    where published_date is not null

    group by published_date

),

stored_day_totals as (

    select
        published_date,
        sum(article_count) as pair_article_total

    from existing_cooccurrences

    group by published_date

),

drifted_days as (

    -- A day whose stored pairs no longer add up lost (or gained) an article outside the window, e.g. a
    -- re-extraction that moved an article to another day: it is recomputed too.
    select coalesce(expected_day_totals.published_date, stored_day_totals.published_date) as published_date

    from expected_day_totals
    full outer join stored_day_totals
        on expected_day_totals.published_date = stored_day_totals.published_date

    where
        coalesce(expected_day_totals.pair_article_total, 0)
        != coalesce(stored_day_totals.pair_article_total, 0)

),

days_in_scope as (

    select published_date from changed_days

    union

    select published_date from drifted_days

),

dated_mentions as (

    select actor_mentions.*

    from actor_mentions
    inner join days_in_scope
        on actor_mentions.published_date = days_in_scope.published_date

),

{% else %}

dated_mentions as (

    -- A pair in an undated article cannot be placed on a day; fct_actor_mentions still holds it.
    select *

    from actor_mentions

    where published_date is not null

),

{% endif %}

article_actors as (

    -- An actor named five times in one article co-occurs once with each other actor there.
    select distinct
        article_id,
        story_id,
        published_date,
        extracted_at,
        actor_id

    from dated_mentions

),

actor_pairs as (

    -- Each unordered pair once: the alphabetically smaller actor_id is actor_id_a.
    select
        first_actor.article_id,
        first_actor.story_id,
        first_actor.published_date,
        first_actor.extracted_at,
        first_actor.actor_id as actor_id_a,
        second_actor.actor_id as actor_id_b

    from article_actors as first_actor
    inner join article_actors as second_actor
        on
            first_actor.article_id = second_actor.article_id
            and first_actor.actor_id < second_actor.actor_id

),

story_pairs as (

    -- article_actors holds an actor once per article, so each article yields each pair once: counting
    -- rows counts articles. Grouping by story first leaves one row per story, so no distinct count is
    -- needed at all (cheaper on the days a night recomputes).
    select
        actor_id_a,
        actor_id_b,
        published_date,
        story_id,
        count(*) as article_count,
        max(extracted_at) as last_extracted_at

    from actor_pairs

    group by actor_id_a, actor_id_b, published_date, story_id

),

day_pairs as (

    select
        actor_id_a,
        actor_id_b,
        published_date,
        cast(sum(article_count) as bigint) as article_count,
        count(*) as story_count,
        max(last_extracted_at) as last_extracted_at

    from story_pairs

    group by actor_id_a, actor_id_b, published_date

),

{% if is_incremental() %}

stored_day_pairs as (

    -- Read from the table itself, not existing_cooccurrences: a second reader would make DuckDB
    -- materialize every stored pair.
    select
        stored_pairs.actor_id_a,
        stored_pairs.actor_id_b,
        stored_pairs.published_date,
        stored_pairs.article_count,
        stored_pairs.story_count,
        stored_pairs.last_extracted_at

    from {{ this }} as stored_pairs
    inner join days_in_scope
        on stored_pairs.published_date = days_in_scope.published_date

),

rewritten_days as (

    -- Days in scope whose pairs differ from the stored ones in any way. Most days the lookback looks at
    -- come out exactly as stored (their articles were built last night): they are left alone, so a night
    -- deletes and inserts the days it changed, not every day it looked at.
    select distinct coalesce(day_pairs.published_date, stored_day_pairs.published_date) as published_date

    from day_pairs
    full outer join stored_day_pairs
        on
            day_pairs.actor_id_a = stored_day_pairs.actor_id_a
            and day_pairs.actor_id_b = stored_day_pairs.actor_id_b
            and day_pairs.published_date = stored_day_pairs.published_date

    where
        day_pairs.actor_id_a is null
        or stored_day_pairs.actor_id_a is null
        or day_pairs.article_count != stored_day_pairs.article_count
        or day_pairs.story_count != stored_day_pairs.story_count
        or day_pairs.last_extracted_at is distinct from stored_day_pairs.last_extracted_at

),

pairs_to_write as (

    select day_pairs.*

    from day_pairs
    inner join rewritten_days
        on day_pairs.published_date = rewritten_days.published_date

),

{% else %}

pairs_to_write as (

    select * from day_pairs

),

{% endif %}

final as (

    select
        {{ surrogate_key(['actor_id_a', 'actor_id_b', 'published_date']) }} as cooccurrence_id,
        actor_id_a,
        actor_id_b,
        published_date,
        {{ date_key('published_date') }} as date_key,
        article_count,
        story_count,
        last_extracted_at

    from pairs_to_write

)

select * from final
