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

    -- How the fact describes each actor today: a few thousand rows, compared with raw.actors below.
    select distinct
        actor_id,
        is_known_actor,
        canonical_name,
        actor_type,
        entity_class

    from {{ this }}

),

changed_actors as (

    -- raw.actors is replaced each run: an actor added to, dropped from or renamed in the dictionary
    -- changes its older mentions too. (A change of roles alone needs a full refresh.)
    select distinct existing_actor_descriptions.actor_id

    from existing_actor_descriptions
    left join actors
        on existing_actor_descriptions.actor_id = actors.actor_id

    where
        existing_actor_descriptions.is_known_actor != (actors.actor_id is not null)
        or (
            actors.actor_id is not null
            and (
                existing_actor_descriptions.canonical_name is distinct from actors.canonical_name
                or existing_actor_descriptions.actor_type is distinct from actors.actor_type
                or existing_actor_descriptions.entity_class is distinct from actors.entity_class
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
