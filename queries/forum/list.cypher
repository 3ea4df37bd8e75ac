// title: Alle overleggen
// description: Every forum with what it decides and its number of participants.
// params:
MATCH (f:Forum)
RETURN f.id AS id, f.name AS name, f.decides AS decides, f.summary AS summary, f.source AS source,
       [(f)-[:HOSTED_AT]->(h1) | h1.name] AS hosted_at,
       size([(a2)-[:PARTICIPATES_IN]->(f) | a2.id]) AS participants
ORDER BY name
