// title: Alle organisaties en rollen
// description: Organisations and roles with abbreviation, kind, the organisation they belong to and how many measures they are linked to.
// params:
MATCH (o:Entity)
WHERE o.label IN ['Organisation', 'Role']
RETURN o.id AS id, o.label AS label, o.name AS name, o.abbreviation AS abbreviation, o.kind AS kind,
       o.summary AS summary, o.source AS source,
       [(o)-[:PART_OF]->(p1) | p1.name] AS part_of,
       size([(o)-[r2]->(m2:Measure) | m2.id]) AS measures
ORDER BY label, name
