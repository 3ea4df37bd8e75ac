// title: Zoeken in namen, afkortingen, aliassen en samenvattingen
// description: Substring search over every node's search text; the engine overrides use their Dutch full-text index (stemming) instead.
// params: q, limit=20
MATCH (n:Entity)
WHERE NOT n.label IN ['Step', 'Section', 'Passage'] AND toLower(n.search_text) CONTAINS toLower($q)
RETURN n.id AS id, n.label AS label, n.name AS name, 1.0 AS score
ORDER BY score DESC, name
LIMIT $limit
