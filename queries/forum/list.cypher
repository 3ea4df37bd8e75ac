// title: Alle overleggen
// description: Every forum with what it decides and its number of participants.
// params:
MATCH (f:Forum)
RETURN f.id AS id, f.name AS name, f.decides AS decides, f.summary AS summary, f.source AS source,
       [(f)-[:HOSTED_AT]->(h) | h.name] AS hosted_at,
       size([(a)-[:PARTICIPATES_IN]->(f) | a.id]) AS participants
ORDER BY name
