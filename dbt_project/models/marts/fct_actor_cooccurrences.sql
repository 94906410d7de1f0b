with

actor_pairs as (

    select * from {{ ref('int_actor_pairs_per_article') }}

),

dated_pairs as (

    -- A pair in an undated article cannot be placed on a day; fct_actor_mentions still holds it.
    select *

    from actor_pairs

    where published_date is not null

),

final as (

    select
        {{ surrogate_key(['actor_id_a', 'actor_id_b', 'published_date']) }} as cooccurrence_id,
        actor_id_a,
        actor_id_b,
        published_date,
        {{ date_key('published_date') }} as date_key,
        count(distinct article_id) as article_count,
        count(distinct story_id) as story_count

    from dated_pairs

    group by actor_id_a, actor_id_b, published_date

)

select * from final
