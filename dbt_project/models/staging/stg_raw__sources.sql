with

raw_sources as (

    select * from {{ source('raw', 'sources') }}

),

final as (

    select
        source_name as source_id,
        source_kind,
        source_location,
        outlet_name,
        lower(outlet_domain) as outlet_domain,
        upper(outlet_country_code) as outlet_country_code,
        is_state_media,
        loaded_at

    from raw_sources

)

select * from final
