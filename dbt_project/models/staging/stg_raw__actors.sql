with

raw_actors as (

    select * from {{ source('raw', 'actors') }}

),

final as (

    select
        actor_id,
        canonical_name,
        actor_type,
        entity_class,
        upper(country_code) as country_code,
        cameo_code,
        wikidata_id,
        dictionary_source

    from raw_actors

)

select * from final
