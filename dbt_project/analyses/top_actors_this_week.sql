-- Who was in the news this week: actors ranked by the distinct stories naming them in the seven days
-- up to the latest publication date in the warehouse (syndicated copies of one story count once).
with

actor_mentions as (

    select * from {{ ref('fct_actor_mentions') }}

),

actors as (

    select * from {{ ref('dim_actors') }}

),

latest_day as (

    select max(published_date) as published_date

    from actor_mentions

),

this_week as (

    select actor_mentions.*

    from actor_mentions
    cross join latest_day

    where actor_mentions.published_date > latest_day.published_date - interval 7 day

),

actor_totals as (

    select
        actor_id,
        count(distinct story_id) as story_count,
        count(distinct article_id) as article_count,
        count(*) as mention_count,
        count(distinct source_id) as source_count

    from this_week

    group by actor_id

),

final as (

    select
        actor_totals.actor_id,
        actors.canonical_name,
        actors.actor_type,
        actors.current_role_name,
        actor_totals.story_count,
        actor_totals.article_count,
        actor_totals.mention_count,
        actor_totals.source_count

    from actor_totals
    inner join actors
        on actor_totals.actor_id = actors.actor_id

    order by actor_totals.story_count desc, actor_totals.mention_count desc, actor_totals.actor_id asc

    limit 50

)

select * from final
