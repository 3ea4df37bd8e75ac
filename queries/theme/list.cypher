// title: Thema's van Bijlage I
// description: Every theme and sub-theme with its parent and number of measures.
// params:
MATCH (t:Theme)
RETURN t.id AS id, t.name AS name, t.summary AS summary, t.source AS source,
       [(t)-[:PART_OF]->(p1:Theme) | p1.name] AS parent,
       size([(m2:Measure)-[:IN_THEME]->(t) | m2.id]) AS measures
ORDER BY name
