// title: Wie doet wat bij een maatregel
// description: Who is responsible for, executes, decides on, may request or enforces a measure (or procedure), with the source of each relationship.
// params: id
MATCH (a)-[r]->(m:Entity {id: $id})
WHERE type(r) IN ['RESPONSIBLE_FOR', 'EXECUTES', 'DECIDES', 'REQUESTS', 'CONSULTED_ON', 'ENFORCES']
RETURN type(r) AS relation, a.id AS id, a.label AS label, a.name AS name, a.abbreviation AS abbreviation,
       r.source AS source, r.quote AS quote, r.source = 'external' AS external, r.source_url AS source_url,
       m.name AS measure, m.number AS number
ORDER BY relation, name
