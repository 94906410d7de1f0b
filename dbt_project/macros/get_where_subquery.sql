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
        {%- do conditions.append('(' ~ window_column ~ ' is null or ' ~ window_column ~ ' >= '
            ~ test_window_start(relation, window_column) ~ ')') -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- do return('(select * from ' ~ relation ~ ' where ' ~ conditions | join(' and ') ~ ') dbt_subquery') -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}

{#
    The earliest timestamp a windowed test looks at, as SQL: a literal read from the table when the test
    runs, so DuckDB skips the row groups before it (a scalar subquery would make it scan them all).
    At parse time, and on an empty table, the equivalent subquery (which then matches nothing).
#}
{% macro test_window_start(relation, window_column) -%}
    {%- set window_start_sql -%}
        select max({{ window_column }}) - to_days(cast({{ var('lookback_days') }} as integer))
        from {{ relation }}
    {%- endset -%}
    {%- if execute -%}
        {%- set window_start = run_query(
            'select cast((' ~ window_start_sql ~ ') as varchar)'
        ).columns[0].values()[0] -%}
    {%- endif -%}
    {%- if window_start is defined and window_start is not none -%}
        cast('{{ window_start }}' as timestamp)
    {%- else -%}
        ({{ window_start_sql }})
    {%- endif -%}
{%- endmacro %}
