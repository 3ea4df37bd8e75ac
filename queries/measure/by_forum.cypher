// title: Maatregelen per overleg
// description: The measures and procedures coordinated in a forum, or taking a step in it.
// params: id
MATCH (f:Forum {id: $id})
MATCH (m)-[r]->(x)
WHERE m.label IN ['Measure', 'Procedure'] AND (
      (type(r) = 'COORDINATED_IN' AND x.id = f.id) OR
      (type(r) = 'HAS_STEP' AND (x)-[:IN]->(f)))
RETURN f.name AS forum, m.id AS id, m.label AS label, m.number AS number, m.name AS title,
       m.short_name AS short_name, type(r) AS relation, r.source AS source
ORDER BY label, number, title
