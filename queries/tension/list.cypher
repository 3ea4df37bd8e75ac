// title: Alle spanningsvelden
// description: Every tension between measures with its explanation, resolution, where it is resolved and its source.
// params:
MATCH (t:Tension)
RETURN t.id AS id, t.name AS name, t.summary AS summary, t.resolution AS resolution, t.source AS source, t.quote AS quote,
       [(t)-[:BETWEEN]->(m1) | {id: m1.id, label: m1.label, name: m1.name, number: m1.number, short_name: m1.short_name}] AS between,
       [(t)-[:RESOLVED_IN]->(f2) | {id: f2.id, label: f2.label, name: f2.name}] AS resolved_in
ORDER BY name
