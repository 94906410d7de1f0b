with

raw_countries as (

    select * from {{ source('raw', 'countries') }}

),

final as (

    select
        upper(country_code) as country_code,
        upper(country_code_alpha2) as country_code_alpha2,
        numeric_code as country_code_numeric,
        country_name,
        official_name as country_official_name,
        region,
        subregion

    from raw_countries

)

select * from final
