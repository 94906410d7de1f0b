{#
    Helpers for the incremental facts (fct_articles, fct_actor_mentions, fct_date_mentions, fct_fetches,
    fct_actor_cooccurrences). Each fact keeps its own watermark: the latest load timestamp it already
    holds. A night re-processes every row whose raw load timestamp is at most `lookback_days` older than
    that watermark, so late and re-extracted rows are picked up even when a night was skipped or failed.
#}

{#
    The earliest load timestamp a nightly re-processes: the fact's own latest `timestamp_column` minus
    the `lookback_days` var, as a scalar subquery. An empty fact yields 1900-01-01, so everything loads.
#}
{% macro incremental_cutoff(timestamp_column) -%}
    (
        select
            coalesce(max({{ timestamp_column }}), timestamp '1900-01-01')
            - to_days(cast({{ var('lookback_days') }} as integer))
        from {{ this }}
    )
{%- endmacro %}

{#
    A post-hook statement deleting the fact's rows whose raw row is gone: the load deletes an article's
    mentions (and date mentions) before inserting a re-extraction's, and a re-run of a night replaces
    that night's fetches, so rows may vanish upstream. Delete+insert alone only replaces keys the new
    batch still holds. Matching is on `key_columns`, present under the same names in `upstream`.
#}
{% macro delete_vanished_rows(key_columns, upstream) -%}
    delete from {{ this }} as fact_rows
    where not exists (
        select 1
        from {{ upstream }} as upstream_rows
        where
        {%- for key_column in key_columns %}
            upstream_rows.{{ key_column }} = fact_rows.{{ key_column }}{{ ' and' if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{#
    A post-hook statement deleting the rows whose `key_column` value no longer occurs in `upstream` at all,
    for a key many rows share: fct_actor_mentions' article_id (a re-extraction found nothing, so the
    night's batch holds no row of that article to replace them) and int_actor_stories_aggregated's
    story_id (every copy left the story or lost its mentions). Rows that vanished from a key that still
    has some need no hook: delete+insert on that key replaces all its rows. The distinct keys of both
    sides are matched first, so a few hundred thousand keys are compared instead of every row. The key
    is never null in these tables (a null key would be kept).
#}
{% macro delete_vanished_keys(key_column, upstream) -%}
    delete from {{ this }} as fact_rows
    using (
        select stored_keys.{{ key_column }}
        from (select distinct {{ key_column }} from {{ this }}) as stored_keys
        anti join (select distinct {{ key_column }} from {{ upstream }}) as upstream_keys
            on stored_keys.{{ key_column }} = upstream_keys.{{ key_column }}
    ) as vanished_keys
    where fact_rows.{{ key_column }} = vanished_keys.{{ key_column }}
{%- endmacro %}

{#
    A post-hook statement for fct_actor_cooccurrences: delete the days on which no article names two
    actors any more (delete+insert on published_date only replaces days the new batch still holds).
    `articles` is fct_articles, whose actor_count is each article's number of distinct actors.
#}
{% macro delete_days_without_pairs(articles) -%}
    delete from {{ this }}
    where published_date in (
        -- The distinct days first: a few hundred, where matching every stored pair would be millions.
        select stored_days.published_date
        from (select distinct published_date from {{ this }}) as stored_days
        anti join (
            select distinct published_date
            from {{ articles }}
            where published_date is not null and actor_count > 1
        ) as days_with_pairs
            on stored_days.published_date = days_with_pairs.published_date
    )
{%- endmacro %}
