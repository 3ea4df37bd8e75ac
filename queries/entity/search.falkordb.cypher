// override: full-text search is a procedure whose name and signature differ per engine (FalkorDB: db.idx.fulltext.queryNodes on a label). $q must be sanitised by the caller: RediSearch rejects malformed query syntax.
CALL db.idx.fulltext.queryNodes('Entity', $q) YIELD node, score
WITH node AS n, score
WHERE NOT n.label IN ['Step', 'Section', 'Passage']
RETURN n.id AS id, n.label AS label, n.name AS name, score
ORDER BY score DESC, name
LIMIT $limit
