{#
    Fails with every row of the model where the SQL boolean expression is not true (false or null).
#}
{% test expression_is_true(model, expression) %}

with

final as (

    select *

    from {{ model }}

    where not coalesce({{ expression }}, false)

)

select * from final

{% endtest %}
