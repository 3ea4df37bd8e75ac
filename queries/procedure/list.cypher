// title: Alle procedures
// description: Every procedure with its number of steps and the measures it concerns.
// params:
MATCH (p:Procedure)
RETURN p.id AS id, p.name AS name, p.summary AS summary, p.aliases AS aliases, p.source AS source,
       size([(p)-[:HAS_STEP]->(s1) | s1.id]) AS steps,
       [(p)-[:CONCERNS]->(m2) | m2.name] AS concerns
ORDER BY name
