// title: Maatregelen per overleg
// description: The measures and procedures coordinated in a forum, or taking a step in it.
// params: id
MATCH (f:Entity {id: $id})
WHERE f.label = 'Forum'
MATCH (m)-[r:COORDINATED_IN]->(f)
WHERE m.label IN ['Measure', 'Procedure']
RETURN f.name AS forum, m.id AS id, m.label AS label, m.number AS number, m.name AS title,
       m.short_name AS short_name, type(r) AS relation, r.source AS source
ORDER BY label, number, title
UNION
MATCH (f:Entity {id: $id})
WHERE f.label = 'Forum'
MATCH (m)-[r:HAS_STEP]->(s)-[:IN]->(f)
RETURN f.name AS forum, m.id AS id, m.label AS label, m.number AS number, m.name AS title,
       m.short_name AS short_name, type(r) AS relation, r.source AS source
ORDER BY label, number, title
