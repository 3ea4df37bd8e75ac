// title: Omgeving van een knoop
// description: The relationships within `depth` steps (1–3) of a node, for the pictures of responsibility chains; `types` limits the relationship types (empty list = all); paths never run over the report's passages (MENTIONED_IN, SOURCED_FROM, NEXT).
// params: id, depth=1, types=[]
MATCH p = (n:Entity {id: $id})-[*1..3]-(x)
WHERE length(p) <= $depth AND none(x1 IN relationships(p) WHERE type(x1) IN ['MENTIONED_IN', 'SOURCED_FROM', 'NEXT'])
UNWIND relationships(p) AS r
WITH DISTINCT r
WHERE size($types) = 0 OR type(r) IN $types
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN a.id AS start, a.label AS start_label, a.name AS start_name, type(r) AS type,
       b.id AS end, b.label AS end_label, b.name AS end_name, r.source AS source
ORDER BY start, type, end
