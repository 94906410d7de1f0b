with

raw_actor_mentions as (

    select * from {{ source('raw', 'actor_mentions') }}

),

final as (

    select
        mention_id,
        article_id,
        run_id,
        actor_id,
        canonical_name,
        actor_type,
        entity_class,
        upper(country_code) as country_code,
        cameo_code,
        role,
        is_known_actor,
        field,
        start_char,
        end_char,
        sentence_index,
        surface_form,
        method,
        confidence

    from raw_actor_mentions

)

select * from final
