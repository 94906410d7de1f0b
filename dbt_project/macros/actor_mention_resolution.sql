{#
    The logic CTEs that resolve actor mentions, shared by the view int_actor_mentions_resolved (every
    mention) and the incremental fct_actor_mentions (only the mentions a night rebuilds, so a night does
    not resolve the roles of every mention ever loaded). The calling model defines the import CTEs
    `articles` (int_articles_clustered), `actors` (stg_raw__actors) and `actor_roles`
    (stg_raw__actor_roles), and passes the name of the CTE holding the stg_raw__actor_mentions rows to
    resolve. Defines `mentions_dated`, `roles_on_date` and `resolved_mentions` (one row per mention).
#}
{% macro actor_mention_resolution_ctes(actor_mentions) -%}
mentions_dated as (

    select
        {{ actor_mentions }}.*,
        articles.story_id,
        articles.source_id,
        articles.published_date,
        articles.date_key,
        articles.extracted_at

    from {{ actor_mentions }}
    left join articles
        on {{ actor_mentions }}.article_id = articles.article_id

),

roles_on_date as (

    -- A role is held from valid_from through valid_to, both days included: the curated dictionary
    -- records the last day in office as valid_to (a successor starts the day after), and the Python
    -- mention stage reads it the same way. When two roles of one actor cover the date, the most
    -- recently started one wins, so a same-day change resolves to the new role.
    select
        mentions_dated.mention_id,
        actor_roles.role,
        actor_roles.cameo_code,
        actor_roles.valid_from

    from mentions_dated
    inner join actor_roles
        on
            mentions_dated.actor_id = actor_roles.actor_id
            and mentions_dated.published_date >= actor_roles.valid_from
            and (
                actor_roles.valid_to is null
                or mentions_dated.published_date <= actor_roles.valid_to
            )

    qualify row_number() over (
        partition by mentions_dated.mention_id
        order by actor_roles.valid_from desc, actor_roles.role asc
    ) = 1

),

resolved_mentions as (

    select
        mentions_dated.mention_id,
        mentions_dated.article_id,
        mentions_dated.story_id,
        mentions_dated.source_id,
        mentions_dated.actor_id,
        coalesce(actors.canonical_name, mentions_dated.canonical_name) as canonical_name,
        coalesce(actors.actor_type, mentions_dated.actor_type) as actor_type,
        coalesce(actors.entity_class, mentions_dated.entity_class) as entity_class,
        actors.actor_id is not null as is_known_actor,
        mentions_dated.published_date,
        mentions_dated.date_key,
        coalesce(roles_on_date.role, mentions_dated.role) as role,
        case
            when roles_on_date.role is not null then 'actor_roles'
            when mentions_dated.role is not null then 'mention'
        end as role_source,
        roles_on_date.valid_from as role_valid_from,
        coalesce(roles_on_date.cameo_code, mentions_dated.cameo_code, actors.cameo_code) as cameo_code,
        coalesce(mentions_dated.country_code, actors.country_code) as country_code,
        mentions_dated.surface_form,
        mentions_dated.field,
        mentions_dated.start_char,
        mentions_dated.end_char,
        mentions_dated.sentence_index,
        mentions_dated.method,
        mentions_dated.confidence,
        mentions_dated.run_id,
        mentions_dated.extracted_at

    from mentions_dated
    left join actors
        on mentions_dated.actor_id = actors.actor_id
    left join roles_on_date
        on mentions_dated.mention_id = roles_on_date.mention_id

)
{%- endmacro %}
