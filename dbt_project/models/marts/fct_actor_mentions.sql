with

actor_mentions as (

    select * from {{ ref('int_actor_mentions_resolved') }}

),

final as (

    select
        mention_id,
        article_id,
        story_id,
        source_id,
        actor_id,
        canonical_name,
        actor_type,
        entity_class,
        is_known_actor,
        published_date,
        date_key,
        role,
        role_source,
        role_valid_from,
        cameo_code,
        country_code,
        surface_form,
        field,
        start_char,
        end_char,
        sentence_index,
        method,
        confidence,
        run_id

    from actor_mentions

)

select * from final
