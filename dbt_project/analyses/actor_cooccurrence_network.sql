-- The actor co-occurrence network of the last {{ var('network_days', 30) }} days, as an edge list ready for
-- a graph tool (networkx, Gephi): one row per actor pair named together in at least
-- {{ var('network_min_stories', 2) }} distinct stories, weighted by those stories, with both actors'
-- names and types as node attributes.
with

cooccurrences as (

    select * from {{ ref('fct_actor_cooccurrences') }}

),

actors as (

    select * from {{ ref('dim_actors') }}

),

latest_day as (

    select max(published_date) as published_date

    from cooccurrences

),

recent as (

    select cooccurrences.*

    from cooccurrences
    cross join latest_day

    where
        cooccurrences.published_date
        > latest_day.published_date - to_days(cast({{ var('network_days', 30) }} as integer))

),

edges as (

    -- Summing daily story counts counts a story spanning two days twice; a pair rarely straddles
    -- midnight, and the fact keeps days apart by design.
    select
        actor_id_a,
        actor_id_b,
        sum(story_count) as story_weight,
        sum(article_count) as article_weight,
        count(*) as day_count,
        min(published_date) as first_published_date,
        max(published_date) as last_published_date

    from recent

    group by actor_id_a, actor_id_b

    having sum(story_count) >= {{ var('network_min_stories', 2) }}

),

final as (

    select
        edges.actor_id_a,
        first_actor.canonical_name as canonical_name_a,
        first_actor.actor_type as actor_type_a,
        edges.actor_id_b,
        second_actor.canonical_name as canonical_name_b,
        second_actor.actor_type as actor_type_b,
        edges.story_weight,
        edges.article_weight,
        edges.day_count,
        edges.first_published_date,
        edges.last_published_date

    from edges
    inner join actors as first_actor
        on edges.actor_id_a = first_actor.actor_id
    inner join actors as second_actor
        on edges.actor_id_b = second_actor.actor_id

    order by edges.story_weight desc, edges.actor_id_a asc, edges.actor_id_b asc

)

select * from final
