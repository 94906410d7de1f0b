-- How long after publication each source's articles reach the warehouse: first_seen_at minus
-- published_at, in hours, per source. Only articles dated to the minute count (a day-precision date
-- sits at midnight and would add up to a day of noise); negative latencies (a publisher dating an
-- article after we saw it) are counted apart rather than averaged in.
with

articles as (

    select * from {{ ref('fct_articles') }}

),

latencies as (

    select
        source_id,
        date_diff('second', published_at, first_seen_at) / 3600.0 as latency_hours

    from articles

    where
        published_precision = 'minute'
        and published_at is not null

),

final as (

    select
        source_id,
        count(*) as article_count,
        count(*) filter (where latency_hours < 0) as dated_after_seen_count,
        round(median(latency_hours) filter (where latency_hours >= 0), 2) as median_latency_hours,
        round(quantile_cont(latency_hours, 0.9) filter (where latency_hours >= 0), 2) as p90_latency_hours,
        round(max(latency_hours), 2) as max_latency_hours

    from latencies

    group by source_id

    order by median_latency_hours desc nulls last, source_id asc

)

select * from final
