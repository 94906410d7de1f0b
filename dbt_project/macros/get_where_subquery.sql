{#
    Data tests of the large incremental facts can check only the rows a nightly could have changed:
    with the var data_tests_window_only true (run_dbt_build(..., test_window_only=True)) and no
    --full-refresh, a test on a model named in the var windowed_test_columns sees only rows whose
    timestamp column is within lookback_days of the model's latest (or null). That is sound because the
    facts are delete+insert on keys that contain their unique keys: a night can only break a rule in the
    rows it wrote. A full refresh, and any build without the var, tests every row. A test's own `where`
    config still applies (dbt's default behaviour).
#}
{% macro duckdb__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- do conditions.append('(' ~ where ~ ')') -%}
    {%- endif -%}
    {%- set window_column = var('windowed_test_columns', {}).get(relation.identifier) -%}
    {%- if window_column and var('data_tests_window_only', false) and not flags.FULL_REFRESH -%}
        {%- do conditions.append(
            '(' ~ window_column ~ ' is null or ' ~ window_column ~ ' >= (select max(' ~ window_column
            ~ ') - to_days(cast(' ~ var('lookback_days') ~ ' as integer)) from ' ~ relation ~ '))'
        ) -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ') dbt_subquery') -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
