// title: Alle spanningsvelden
// description: Every tension between measures with its explanation, resolution, where it is resolved and its source.
// params:
MATCH (t:Tension)
RETURN t.id AS id, t.name AS name, t.summary AS summary, t.resolution AS resolution, t.source AS source, t.quote AS quote,
       [(t)-[:BETWEEN]->(m) | {id: m.id, label: m.label, name: m.name, number: m.number, short_name: m.short_name}] AS between,
       [(t)-[:RESOLVED_IN]->(f) | {id: f.id, label: f.label, name: f.name}] AS resolved_in
ORDER BY name
