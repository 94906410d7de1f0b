{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='article_id',
        on_schema_change='fail',
        post_hook="{{ delete_vanished_rows(['mention_id'], ref('stg_raw__actor_mentions')) }}",
    )
}}

-- depends_on: {{ ref('stg_raw__actor_mentions') }}, {{ ref('stg_raw__actors') }}

with

actor_mentions as (

    select * from {{ ref('int_actor_mentions_resolved') }}

),

{% if is_incremental() %}

existing_mentions as (

    select * from {{ this }}

),

actors as (

    select * from {{ ref('stg_raw__actors') }}

),

changed_actors as (

    -- raw.actors is replaced each run: an actor added to, dropped from or renamed in the dictionary
    -- changes its older mentions too. (A change of roles alone needs a full refresh.)
    select distinct existing_mentions.actor_id

    from existing_mentions
    left join actors
        on existing_mentions.actor_id = actors.actor_id

    where
        existing_mentions.is_known_actor != (actors.actor_id is not null)
        or (
            actors.actor_id is not null
            and (
                existing_mentions.canonical_name is distinct from actors.canonical_name
                or existing_mentions.actor_type is distinct from actors.actor_type
                or existing_mentions.entity_class is distinct from actors.entity_class
            )
        )

),

articles_in_scope as (

    -- Articles (re-)extracted within the lookback window, and articles naming a changed actor: all
    -- their mentions are replaced (delete+insert on article_id).
    select article_id

    from actor_mentions

    where extracted_at >= {{ incremental_cutoff('extracted_at') }}

    union

    select actor_mentions.article_id

    from actor_mentions
    inner join changed_actors
        on actor_mentions.actor_id = changed_actors.actor_id

),

mentions_in_scope as (

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

    from mentions_in_scope

)

select * from final
