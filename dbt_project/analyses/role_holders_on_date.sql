-- Who held which role on a given day (var analysis_date, default today): every dictionary role whose
-- validity covers the day, valid_to included, with the holder's name and country.
-- Another day: dbt compile --select role_holders_on_date --vars '{analysis_date: "2024-03-01"}'
with

actor_roles as (

    select * from {{ ref('dim_actor_roles') }}

),

actors as (

    select * from {{ ref('dim_actors') }}

),

roles_on_date as (

    select *

    from actor_roles

    where
        valid_from <= {{ analysis_date_sql() }}
        and (valid_to is null or {{ analysis_date_sql() }} <= valid_to)

),

final as (

    select
        roles_on_date.role,
        roles_on_date.role_country_code,
        roles_on_date.actor_id,
        actors.canonical_name,
        roles_on_date.valid_from,
        roles_on_date.valid_to

    from roles_on_date
    inner join actors
        on roles_on_date.actor_id = actors.actor_id

    order by
        roles_on_date.role_country_code asc nulls last, roles_on_date.role asc, roles_on_date.actor_id asc

)

select * from final
