{#
    The integer yyyymmdd key of a date expression (null stays null), the join key to dim_dates.
#}
{% macro date_key(date_expression) -%}
    cast(strftime({{ date_expression }}, '%Y%m%d') as integer)
{%- endmacro %}
