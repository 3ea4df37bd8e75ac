// title: Verantwoordelijkheidsketen van een maatregel, procedure of overleg
// description: Every relationship of a measure, procedure or forum, of the procedures that concern it or are coordinated in it, and of those procedures' steps — the material of the chain view (who requests, decides, executes, supervises; forum; legal basis; and the context: findings, terms, good practices, tensions). `via` is the node of the chain the relationship touches; external relationships are marked; never the report's passages (MENTIONED_IN, SOURCED_FROM, NEXT).
// params: id
MATCH (x:Entity {id: $id})
OPTIONAL MATCH (x)-[c1]-(p1:Entity)
WHERE p1.label = 'Procedure' AND type(c1) IN ['CONCERNS', 'COORDINATED_IN']
WITH x, collect(DISTINCT p1) AS procedures
UNWIND [x] + procedures AS s
OPTIONAL MATCH (s)-[:HAS_STEP]->(st:Entity)
WITH collect(DISTINCT s) + collect(DISTINCT st) AS core
UNWIND core AS c
MATCH (c)-[r]-(n:Entity)
WHERE NOT type(r) IN ['MENTIONED_IN', 'SOURCED_FROM', 'NEXT']
WITH DISTINCT c, r, startNode(r) AS a, endNode(r) AS b
RETURN c.id AS via, c.label AS via_label,
       a.id AS start, a.label AS start_label, a.name AS start_name, a.number AS start_number, a.short_name AS start_short,
       type(r) AS type,
       b.id AS end, b.label AS end_label, b.name AS end_name, b.number AS end_number, b.short_name AS end_short,
       r.order AS order, r.source AS source, r.quote AS quote, r.note AS note, r.instrument AS instrument, r.how AS how,
       r.source = 'external' AS external
ORDER BY via, type, start, end
