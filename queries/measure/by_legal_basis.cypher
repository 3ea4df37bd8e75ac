// title: Maatregelen per wettelijke grondslag
// description: What rests on a legal basis (or on one of its articles): measures, procedures, steps, forums, organisations.
// params: id
MATCH (l:Entity {id: $id})
WHERE l.label = 'LegalBasis'
MATCH (la)-[:PART_OF*0..1]->(l)
WHERE la.label = 'LegalBasis'
MATCH (x)-[r:BASED_ON]->(la)
RETURN l.name AS legal_basis, la.name AS article, x.id AS id, x.label AS label, x.name AS name,
       x.number AS number, r.source AS source, r.quote AS quote, r.source = 'external' AS external
ORDER BY label, number, name
