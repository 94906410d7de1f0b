{#
    A deterministic 16-hex-digit key from a list of column expressions: md5 over the values joined by
    '|', with nulls spelled '<null>' so (null, 'a') and ('', 'a') do not collide. Written here because
    dbt packages cannot be installed offline.
#}
{% macro surrogate_key(column_expressions) -%}
    left(md5(concat_ws('|'
    {%- for column_expression in column_expressions -%}
        , coalesce(cast({{ column_expression }} as varchar), '<null>')
    {%- endfor -%}
    )), 16)
{%- endmacro %}
