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

-- Dated, joined to the dictionary and to the role held on the article's date: the logic lives in
-- macros/actor_mention_resolution.sql because fct_actor_mentions applies it to a night's mentions only.
{{ actor_mention_resolution_ctes('actor_mentions') }},

final as (

    select * from resolved_mentions

)

select * from final
