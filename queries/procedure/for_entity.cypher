// title: Procedures bij een maatregel, organisatie of overleg
// description: The procedures that concern a node, or in which it takes a step or hosts one.
// params: id
MATCH (x:Entity {id: $id})
MATCH (p:Procedure)
WHERE (p)-[:CONCERNS]->(x) OR (p)-[:HAS_STEP]->(:Step)-[:BY|IN]->(x)
RETURN p.id AS id, p.name AS name, p.summary AS summary, p.source AS source
ORDER BY name
