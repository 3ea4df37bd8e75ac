// title: Knopen met al hun eigenschappen
// description: Nodes by id (a list): all properties (name, summary, definition, source, quote …), the label, and what they are about or part of.
// params: ids
UNWIND $ids AS wanted
MATCH (n:Entity {id: wanted})
RETURN n.id AS id, n.label AS label, n.name AS name, properties(n) AS properties,
       [(n)-[r1]->(x1) WHERE type(r1) IN ['ABOUT', 'PART_OF', 'IN_THEME'] | {type: type(r1), id: x1.id, label: x1.label, name: x1.name}] AS links
ORDER BY id
