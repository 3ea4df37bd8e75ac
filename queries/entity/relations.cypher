// title: Alle relaties van een knoop
// description: Every relationship of a node, both directions, with the node on the other side and the relationship's source (not the report passages that name or source it: see passage.for_entity).
// params: id
MATCH (n:Entity {id: $id})-[r]-(other)
WHERE NOT type(r) IN ['MENTIONED_IN', 'SOURCED_FROM', 'NEXT']
RETURN type(r) AS type, startNode(r).id = n.id AS outgoing, other.id AS other_id, other.label AS other_label,
       other.name AS other_name, r.source AS source, r.quote AS quote, r.how AS how, r.instrument AS instrument
ORDER BY type, other_label, other_name
