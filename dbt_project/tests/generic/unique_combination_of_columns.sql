{#
    Fails with one row per combination of the given columns that occurs more than once: the model's
    grain is that combination. Written here because dbt_utils cannot be installed offline.
#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

with

grouped as (

    select
        {{ combination_of_columns | join(',\n        ') }},
        count(*) as row_count

    from {{ model }}

    group by all

),

final as (

    select *

    from grouped

    where row_count > 1

)

select * from final

{% endtest %}
