-- How often one actor (var analysis_actor_id, default per:antony-blinken) was named, week by week and
-- source by source: mentions, articles and distinct stories per ISO week of publication.
-- Compile for another actor with: dbt compile --select actor_mentions_over_time_by_source
--   --vars '{analysis_actor_id: "gov:AZE"}'
with

actor_mentions as (

    select * from {{ ref('fct_actor_mentions') }}

),

dates as (

    select * from {{ ref('dim_dates') }}

),

sources as (

    select * from {{ ref('dim_sources') }}

),

chosen_actor_mentions as (

    select *

    from actor_mentions

    where actor_id = '{{ var("analysis_actor_id", "per:antony-blinken") }}'

),

final as (

    select
        dates.week_start_date,
        chosen_actor_mentions.source_id,
        sources.outlet_name,
        count(*) as mention_count,
        count(distinct chosen_actor_mentions.article_id) as article_count,
        count(distinct chosen_actor_mentions.story_id) as story_count

    from chosen_actor_mentions
    inner join dates
        on chosen_actor_mentions.date_key = dates.date_key
    left join sources
        on chosen_actor_mentions.source_id = sources.source_id

    group by dates.week_start_date, chosen_actor_mentions.source_id, sources.outlet_name

    order by dates.week_start_date asc, mention_count desc, chosen_actor_mentions.source_id asc

)

select * from final
