// title: Knopen met al hun eigenschappen
// description: Nodes by id (a list): all properties (name, summary, definition, source, quote …), the label, and what they are about or part of.
// params: ids
UNWIND $ids AS wanted
MATCH (n:Entity {id: wanted})
RETURN n.id AS id, n.label AS label, n.name AS name, properties(n) AS properties,
       [(n)-[r]->(x) WHERE type(r) IN ['ABOUT', 'PART_OF', 'IN_THEME'] | {type: type(r), id: x.id, label: x.label, name: x.name}] AS links
ORDER BY id
