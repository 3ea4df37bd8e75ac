// title: Spanningsvelden van een maatregel
// description: The tensions a measure is part of, the other measures involved, how practice resolves it, and where.
// params: id
MATCH (t:Tension)-[:BETWEEN]->(m:Entity {id: $id})
RETURN t.id AS id, t.name AS name, t.summary AS summary, t.resolution AS resolution, t.source AS source, t.quote AS quote,
       [(t)-[:BETWEEN]->(o) WHERE o.id <> m.id | {id: o.id, name: o.name, number: o.number}] AS others,
       [(t)-[:RESOLVED_IN]->(f) | {id: f.id, label: f.label, name: f.name}] AS resolved_in,
       m.name AS measure
ORDER BY name
