with

articles as (

    select * from {{ ref('int_articles_clustered') }}

),

fetches as (

    select * from {{ ref('int_fetches_dated') }}

),

observed_dates as (

    select published_date as date_day from articles
    union all
    select fetch_date as date_day from fetches

),

date_bounds as (

    -- With no dated rows at all (an empty warehouse) the spine falls back to a fixed range, so
    -- joins to dim_dates keep working and the table is never empty.
    select
        coalesce(min(date_day), cast('{{ var("date_spine_fallback_start") }}' as date)) as first_date,
        coalesce(max(date_day), cast('{{ var("date_spine_fallback_end") }}' as date)) as last_date

    from observed_dates

),

spine as (

    select cast(spine_days.date_day as date) as date_day

    from date_bounds
    cross join
        generate_series(
            date_bounds.first_date, date_bounds.last_date, interval 1 day
        ) as spine_days (date_day)

),

final as (

    select
        {{ date_key('date_day') }} as date_key,
        date_day,
        cast(date_trunc('week', date_day) as date) as week_start_date,
        cast(isoyear(date_day) as integer) as iso_year,
        cast(weekofyear(date_day) as integer) as iso_week,
        cast(year(date_day) as integer) as year,
        cast(quarter(date_day) as integer) as quarter,
        cast(month(date_day) as integer) as month,
        monthname(date_day) as month_name,
        cast(day(date_day) as integer) as day_of_month,
        cast(dayofyear(date_day) as integer) as day_of_year,
        cast(isodow(date_day) as integer) as day_of_week,
        dayname(date_day) as day_name,
        isodow(date_day) in (6, 7) as is_weekend

    from spine

)

select * from final
