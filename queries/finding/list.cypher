// title: Cijfers en bevindingen
// description: Findings and survey figures, optionally only those about one node (about = '' for all).
// params: about=""
MATCH (f:Finding)
WHERE $about = '' OR (f)-[:CONCERNS|ABOUT]->(:Entity {id: $about})
RETURN f.id AS id, f.name AS name, f.summary AS summary, f.value AS value, f.unit AS unit, f.population AS population,
       f.source AS source, f.quote AS quote, f.note AS note,
       [(f)-[r1]->(x1) WHERE type(r1) IN ['CONCERNS', 'ABOUT'] | {id: x1.id, label: x1.label, name: x1.name}] AS about
ORDER BY source, name
