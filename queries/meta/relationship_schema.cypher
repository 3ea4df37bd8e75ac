// title: Schema: relatietypen
// description: For the Cypher console: each relationship type with the labels it connects.
// params:
MATCH (a)-[r]->(b)
WITH DISTINCT type(r) AS type, a.label AS start, b.label AS end
RETURN type, start, end
ORDER BY type, start, end
