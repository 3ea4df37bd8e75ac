// title: Feiten van buiten het rapport over knopen
// description: The external facts (source: external, with URL, check date and confidence) that are ABOUT any of the given nodes or about what those nodes are ABOUT (a term and its procedure); the answerer adds them, marked, when they answer a question the report leaves open.
// params: ids
UNWIND $ids AS wanted
MATCH (n:Entity {id: wanted})
MATCH (x:ExternalFact)-[:ABOUT]->(t:Entity)
WHERE t.id = n.id OR (n)-[:ABOUT]->(t)
RETURN DISTINCT x.id AS id, x.name AS name, x.summary AS summary, x.source_url AS source_url, x.checked AS checked,
       x.confidence AS confidence, n.id AS about
ORDER BY id, about
