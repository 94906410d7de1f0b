with

countries as (

    select * from {{ ref('stg_raw__countries') }}

),

final as (

    select
        country_code,
        country_code_alpha2,
        country_code_numeric,
        country_name,
        country_official_name,
        region,
        subregion

    from countries

)

select * from final
