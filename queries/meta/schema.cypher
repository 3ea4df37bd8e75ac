// title: Schema: labels en eigenschappen
// description: For the Cypher console: each label with the property keys its nodes use.
// params:
MATCH (n:Entity)
UNWIND keys(n) AS key
WITH n.label AS label, key
WHERE key <> 'search_text'
WITH DISTINCT label, key
ORDER BY label, key
RETURN label, collect(key) AS properties
ORDER BY label
