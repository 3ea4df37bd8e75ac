// title: Maatregelen per organisatie
// description: The measures and procedures an organisation or role is linked to, and how (responsible, executes, decides, requests, enforces, …), including via its units and roles.
// params: id
MATCH (o:Entity {id: $id})
MATCH (a)-[:PART_OF*0..1]->(o)
MATCH (a)-[r]->(m)
WHERE m.label IN ['Measure', 'Procedure']
  AND type(r) IN ['RESPONSIBLE_FOR', 'EXECUTES', 'DECIDES', 'REQUESTS', 'CONSULTED_ON', 'ENFORCES']
RETURN o.name AS organisation, a.name AS via, type(r) AS relation, m.id AS id, m.label AS label,
       m.number AS number, m.name AS title, m.short_name AS short_name, r.source AS source, r.quote AS quote
ORDER BY label DESC, number, title, relation
