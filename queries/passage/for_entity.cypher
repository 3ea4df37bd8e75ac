// title: Passages over een knoop
// description: The passages of the report that name a node (MENTIONED_IN) or hold its quote (SOURCED_FROM), in reading order; `via` says which.
// params: id
MATCH (e:Entity {id: $id})-[r]->(p:Passage)
WHERE type(r) IN ['MENTIONED_IN', 'SOURCED_FROM']
WITH p, collect(DISTINCT type(r)) AS via
RETURN p.id AS id, p.name AS name, p.section AS section, p.section_title AS section_title, p.heading AS heading,
       p.order AS order, p.text AS text, p.line_start AS line_start, p.line_end AS line_end, via
ORDER BY order
