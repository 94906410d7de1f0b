with

actor_roles as (

    select * from {{ ref('stg_raw__actor_roles') }}

),

final as (

    select
        {{ surrogate_key(['actor_id', 'role', 'valid_from']) }} as actor_role_id,
        actor_id,
        role,
        role_country_code,
        cameo_code,
        valid_from,
        valid_to,
        -- valid_to is the last day in the role: the role is still held on that day.
        valid_from <= current_date
        and (valid_to is null or current_date <= valid_to) as is_current

    from actor_roles

)

select * from final
