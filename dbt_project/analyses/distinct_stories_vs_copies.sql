-- How much of each source's output is its own: article copies against distinct stories, and how many
-- of its copies are the story's original (first published) versus syndicated from elsewhere.
with

articles as (

    select * from {{ ref('fct_articles') }}

),

final as (

    select
        source_id,
        count(*) as article_count,
        count(distinct story_id) as story_count,
        count(*) filter (where is_story_original) as original_count,
        count(*) filter (where not is_story_original) as syndicated_copy_count,
        count(*) filter (where story_article_count > 1) as article_in_shared_story_count,
        round(count(distinct story_id) / count(*), 3) as stories_per_article

    from articles

    group by source_id

    order by article_count desc, source_id asc

)

select * from final
