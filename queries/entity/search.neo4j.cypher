// override: full-text search is a procedure whose name and signature differ per engine (Neo4j: db.index.fulltext.queryNodes on a named index with the Dutch analyzer). $q must be sanitised by the caller: Lucene rejects malformed query syntax.
CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node, score
WITH node AS n, score
WHERE NOT n.label IN ['Step', 'Section', 'Passage']
RETURN n.id AS id, n.label AS label, n.name AS name, score
ORDER BY score DESC, name
LIMIT $limit
