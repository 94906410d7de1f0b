-- Which actors were named together most in the last seven days of published articles, counting
-- syndicated copies of one story once. Compile with `dbt compile` or paste into a DuckDB shell.
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

last_week as (

    select cooccurrences.*

    from cooccurrences
    cross join latest_day

    where cooccurrences.published_date > latest_day.published_date - 7

),

pair_totals as (

    select
        actor_id_a,
        actor_id_b,
        sum(story_count) as story_count,
        sum(article_count) as article_count

    from last_week

    group by actor_id_a, actor_id_b

),

final as (

    select
        pair_totals.actor_id_a,
        first_actor.canonical_name as canonical_name_a,
        pair_totals.actor_id_b,
        second_actor.canonical_name as canonical_name_b,
        pair_totals.story_count,
        pair_totals.article_count

    from pair_totals
    inner join actors as first_actor
        on pair_totals.actor_id_a = first_actor.actor_id
    inner join actors as second_actor
        on pair_totals.actor_id_b = second_actor.actor_id

    order by pair_totals.story_count desc, pair_totals.article_count desc

)

select * from final
