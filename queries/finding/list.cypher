// title: Cijfers en bevindingen
// description: Findings and survey figures, optionally only those about one node (about = '' for all).
// params: about=""
MATCH (f:Finding)
WHERE $about = '' OR (f)-[:CONCERNS|ABOUT]->(:Entity {id: $about})
RETURN f.id AS id, f.name AS name, f.summary AS summary, f.value AS value, f.unit AS unit, f.population AS population,
       f.source AS source, f.quote AS quote,
       [(f)-[r]->(x) WHERE type(r) IN ['CONCERNS', 'ABOUT'] | {id: x.id, label: x.label, name: x.name}] AS about
ORDER BY source, name
