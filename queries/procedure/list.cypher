// title: Alle procedures
// description: Every procedure with its number of steps and the measures it concerns.
// params:
MATCH (p:Procedure)
RETURN p.id AS id, p.name AS name, p.summary AS summary, p.aliases AS aliases, p.source AS source,
       size([(p)-[:HAS_STEP]->(s) | s.id]) AS steps,
       [(p)-[:CONCERNS]->(m) | m.name] AS concerns
ORDER BY name
