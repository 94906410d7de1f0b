with

actors as (

    select * from {{ ref('stg_raw__actors') }}

),

actor_mentions as (

    select * from {{ ref('fct_actor_mentions') }}

),

actor_stories as (

    -- Per actor × story counts, kept up to date night by night: summing them is far cheaper than
    -- counting distinct articles and stories over every mention.
    select * from {{ ref('int_actor_stories_aggregated') }}

),

actor_roles as (

    select * from {{ ref('dim_actor_roles') }}

),

unknown_actor_latest_runs as (

    -- Actors found only in text (pattern or model matches) are described by their latest mention: the
    -- latest run's, then the smallest mention_id. Two aggregates over these mentions cost less than
    -- sorting them all in a window.
    select
        actor_id,
        max(run_id) as latest_run_id

    from actor_mentions

    where not is_known_actor

    group by actor_id

),

unknown_actor_descriptions as (

    -- arg_min over a struct, not per column: arg_min skips null values, and a struct is never null.
    select
        actor_mentions.actor_id,
        arg_min(
            struct_pack(
                actor_mentions.canonical_name,
                actor_mentions.actor_type,
                actor_mentions.entity_class,
                actor_mentions.country_code,
                actor_mentions.cameo_code
            ),
            actor_mentions.mention_id
        ) as latest_mention

    from actor_mentions
    inner join unknown_actor_latest_runs
        on
            actor_mentions.actor_id = unknown_actor_latest_runs.actor_id
            and actor_mentions.run_id = unknown_actor_latest_runs.latest_run_id

    where not actor_mentions.is_known_actor

    group by actor_mentions.actor_id

),

unknown_actors as (

    select
        unknown_actor_descriptions.actor_id,
        unknown_actor_descriptions.latest_mention.canonical_name,
        unknown_actor_descriptions.latest_mention.actor_type,
        unknown_actor_descriptions.latest_mention.entity_class,
        unknown_actor_descriptions.latest_mention.country_code,
        unknown_actor_descriptions.latest_mention.cameo_code,
        cast(null as varchar) as wikidata_id,
        cast(null as varchar) as dictionary_source

    from unknown_actor_descriptions

),

all_actors as (

    select
        actor_id,
        canonical_name,
        actor_type,
        entity_class,
        country_code,
        cameo_code,
        wikidata_id,
        dictionary_source,
        true as is_known_actor

    from actors

    union all

    select
        actor_id,
        canonical_name,
        actor_type,
        entity_class,
        country_code,
        cameo_code,
        wikidata_id,
        dictionary_source,
        false as is_known_actor

    from unknown_actors

),

mention_stats as (

    -- An article belongs to one story, so distinct articles add up over stories; so do mentions.
    select
        actor_id,
        cast(sum(mention_count) as bigint) as mention_count,
        cast(sum(article_count) as bigint) as article_count,
        count(story_id) as story_count,
        min(first_seen_date) as first_seen_date,
        max(last_seen_date) as last_seen_date

    from actor_stories

    group by actor_id

),

current_roles as (

    select
        actor_id,
        role as current_role_name

    from actor_roles

    where is_current

    qualify row_number() over (partition by actor_id order by valid_from desc, role asc) = 1

),

final as (

    select
        all_actors.actor_id,
        all_actors.canonical_name,
        all_actors.actor_type,
        all_actors.entity_class,
        all_actors.country_code,
        all_actors.cameo_code,
        all_actors.wikidata_id,
        all_actors.dictionary_source,
        all_actors.is_known_actor,
        current_roles.current_role_name,
        mention_stats.first_seen_date,
        mention_stats.last_seen_date,
        coalesce(mention_stats.mention_count, 0) as mention_count,
        coalesce(mention_stats.article_count, 0) as article_count,
        coalesce(mention_stats.story_count, 0) as story_count

    from all_actors
    left join mention_stats
        on all_actors.actor_id = mention_stats.actor_id
    left join current_roles
        on all_actors.actor_id = current_roles.actor_id

)

select * from final
