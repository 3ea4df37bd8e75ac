// title: Maatregelen bij een situatie
// description: Measures (by id) in short — number, short name, title, summary — with who decides on, carries out and may request each; the question answerer lists the measures that fit a situation this way.
// params: ids
// One lookup per id, not `m.id IN $ids`: FalkorDB 4.16 crashes on IN over the id index when an id is a Dutch
// stopword of the full-text index on the same label (such as 'om').
UNWIND $ids AS wanted
MATCH (m:Entity {id: wanted})
WHERE m.label = 'Measure'
RETURN m.id AS id, m.number AS number, m.short_name AS short_name, m.name AS title, m.summary AS summary,
       m.source AS source, m.quote AS quote,
       [(a)-[r]->(m) WHERE type(r) IN ['DECIDES', 'EXECUTES', 'REQUESTS'] |
           {relation: type(r), id: a.id, name: a.name, abbreviation: a.abbreviation, external: r.source = 'external'}] AS actors
ORDER BY number
