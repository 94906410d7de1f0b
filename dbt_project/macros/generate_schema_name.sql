{#
    Models with a custom schema land in exactly that schema ("staging", "intermediate") instead of
    dbt's default "<target schema>_<custom schema>"; models without one (the marts) land in the target
    schema, "main", so analysts type `select * from fct_articles` with no prefix.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
