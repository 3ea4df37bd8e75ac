// title: Spanningsvelden van een maatregel
// description: The tensions a measure is part of, the other measures involved, how practice resolves it, and where.
// params: id
MATCH (t:Tension)-[:BETWEEN]->(m:Entity {id: $id})
RETURN t.id AS id, t.name AS name, t.summary AS summary, t.resolution AS resolution, t.source AS source, t.quote AS quote,
       [(t)-[:BETWEEN]->(o1) WHERE o1.id <> m.id | {id: o1.id, name: o1.name, number: o1.number}] AS others,
       [(t)-[:RESOLVED_IN]->(f2) | {id: f2.id, label: f2.label, name: f2.name}] AS resolved_in,
       m.name AS measure
ORDER BY name
