{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='article_id',
        on_schema_change='fail',
        post_hook="{{ delete_vanished_keys('article_id', ref('stg_raw__actor_mentions')) }}",
    )
}}

with

actor_mentions as (

    select * from {{ ref('stg_raw__actor_mentions') }}

),

articles as (

    select * from {{ ref('int_articles_clustered') }}

),

actors as (

    select * from {{ ref('stg_raw__actors') }}

),

actor_roles as (

    select * from {{ ref('stg_raw__actor_roles') }}

),

{% if is_incremental() %}

existing_actor_descriptions as (

    -- How the fact describes each actor today, one row per actor: its mentions all agree with the
    -- dictionary when each column's min and max both equal the dictionary's value. (These columns are
    -- never null: raw.actors and raw.actor_mentions require them.) Cheaper than a distinct over them.
    select
        actor_id,
        bool_and(is_known_actor) as is_known_in_every_mention,
        bool_or(is_known_actor) as is_known_in_some_mention,
        min(canonical_name) as min_canonical_name,
        max(canonical_name) as max_canonical_name,
        min(actor_type) as min_actor_type,
        max(actor_type) as max_actor_type,
        min(entity_class) as min_entity_class,
        max(entity_class) as max_entity_class

    from {{ this }}

    group by actor_id

),

changed_actors as (

    -- raw.actors is replaced each run: an actor added to, dropped from or renamed in the dictionary
    -- changes its older mentions too. (A change of roles alone needs a full refresh.)
    select existing_actor_descriptions.actor_id

    from existing_actor_descriptions
    left join actors
        on existing_actor_descriptions.actor_id = actors.actor_id

    where
        (actors.actor_id is null and existing_actor_descriptions.is_known_in_some_mention)
        or (
            actors.actor_id is not null
            and (
                not existing_actor_descriptions.is_known_in_every_mention
                or existing_actor_descriptions.min_canonical_name != actors.canonical_name
                or existing_actor_descriptions.max_canonical_name != actors.canonical_name
                or existing_actor_descriptions.min_actor_type != actors.actor_type
                or existing_actor_descriptions.max_actor_type != actors.actor_type
                or existing_actor_descriptions.min_entity_class != actors.entity_class
                or existing_actor_descriptions.max_entity_class != actors.entity_class
            )
        )

),

articles_in_scope as (

    -- Articles (re-)extracted within the lookback window, and articles naming a changed actor: all
    -- their mentions are replaced (delete+insert on article_id).
    select article_id

    from articles

    where extracted_at >= {{ incremental_cutoff('extracted_at') }}

    union

    -- Read from the fact, not raw: an article outside the window names the same actors in both, and
    -- reading raw mentions twice would make DuckDB materialize all of them.
    select existing_mentions.article_id

    from {{ this }} as existing_mentions
    inner join changed_actors
        on existing_mentions.actor_id = changed_actors.actor_id

),

mentions_in_scope as (

    -- Only these mentions are resolved: the roles of the others are already in the fact.
    select actor_mentions.*

    from actor_mentions
    inner join articles_in_scope
        on actor_mentions.article_id = articles_in_scope.article_id

),

{% else %}

mentions_in_scope as (

    select * from actor_mentions

),

{% endif %}

-- Dated, joined to the dictionary and to the role held on the article's date, exactly as
-- int_actor_mentions_resolved does (macros/actor_mention_resolution.sql).
{{ actor_mention_resolution_ctes('mentions_in_scope') }},

final as (

    select
        mention_id,
        article_id,
        story_id,
        source_id,
        actor_id,
        canonical_name,
        actor_type,
        entity_class,
        is_known_actor,
        published_date,
        date_key,
        role,
        role_source,
        role_valid_from,
        cameo_code,
        country_code,
        surface_form,
        field,
        start_char,
        end_char,
        sentence_index,
        method,
        confidence,
        run_id,
        extracted_at

    from resolved_mentions

)

select * from final
