{#
    The day an analysis is about: the var analysis_date ('YYYY-MM-DD') as a date literal, or today.
#}
{% macro analysis_date_sql() -%}
    {%- if var('analysis_date', none) -%}
        cast('{{ var("analysis_date") }}' as date)
    {%- else -%}
        current_date
    {%- endif -%}
{%- endmacro %}
