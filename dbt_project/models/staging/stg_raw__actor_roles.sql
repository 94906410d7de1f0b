with

raw_actor_roles as (

    select * from {{ source('raw', 'actor_roles') }}

),

final as (

    select
        actor_id,
        role,
        upper(role_country_code) as role_country_code,
        cameo_code,
        valid_from,
        valid_to

    from raw_actor_roles

)

select * from final
