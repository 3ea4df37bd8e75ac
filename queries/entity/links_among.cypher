// title: Relaties tussen een groep knopen
// description: The relationships of the given kinds that run between two nodes of the given list (e.g. who sends information to whom among the actors of a chain); `types` limits the kinds (empty list = all curated kinds; never the report's passages).
// params: ids, types=[]
UNWIND $ids AS i
MATCH (m:Entity {id: i})
WITH collect(m) AS members
UNWIND members AS a
UNWIND members AS b
MATCH (a)-[r]->(b)
WHERE (size($types) = 0 OR type(r) IN $types) AND NOT type(r) IN ['MENTIONED_IN', 'SOURCED_FROM', 'NEXT']
RETURN a.id AS start, a.label AS start_label, a.name AS start_name, type(r) AS type,
       b.id AS end, b.label AS end_label, b.name AS end_name,
       r.source AS source, r.quote AS quote, r.note AS note, r.instrument AS instrument, r.how AS how,
       r.source = 'external' AS external
ORDER BY start, type, end
