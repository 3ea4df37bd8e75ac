// title: Procedures bij een maatregel, organisatie of overleg
// description: The procedures that concern a node, or in which it takes a step or hosts one.
// params: id
MATCH (x:Entity {id: $id})
MATCH (p)-[:CONCERNS]->(x)
WHERE p.label = 'Procedure'
RETURN p.id AS id, p.name AS name, p.summary AS summary, p.source AS source
ORDER BY name
UNION
MATCH (x:Entity {id: $id})
MATCH (p)-[:HAS_STEP]->(s)-[rel]->(x)
WHERE p.label = 'Procedure' AND type(rel) IN ['BY', 'IN']
RETURN p.id AS id, p.name AS name, p.summary AS summary, p.source AS source
ORDER BY name
