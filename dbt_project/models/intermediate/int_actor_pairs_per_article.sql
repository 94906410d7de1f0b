with

actor_mentions as (

    select * from {{ ref('int_actor_mentions_resolved') }}

),

article_actors as (

    -- An actor named five times in one article co-occurs once with each other actor there.
    select distinct
        article_id,
        story_id,
        published_date,
        extracted_at,
        actor_id

    from actor_mentions

),

final as (

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

)

select * from final
