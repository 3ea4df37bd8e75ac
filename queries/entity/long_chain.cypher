// title: Kortste keten tussen twee knopen (tot zes stappen, elk soort relatie)
// description: The shortest chain of relationships (any direction, at most 6 steps) between two nodes, over any kind of curated relationship (never over the report's passages); the fallback when entity.chain finds no chain of at most 4 steps.
// params: from, to
MATCH p = (a:Entity {id: $from})-[*1..6]-(b:Entity {id: $to})
WHERE none(x1 IN relationships(p) WHERE type(x1) IN ['MENTIONED_IN', 'SOURCED_FROM', 'NEXT'])
WITH p, length(p) AS hops
ORDER BY hops
LIMIT 1
RETURN [x IN nodes(p) | {id: x.id, label: x.label, name: x.name}] AS nodes,
       [r IN relationships(p) | {type: type(r), start: startNode(r).id, end: endNode(r).id, source: r.source, quote: r.quote, note: r.note}] AS relationships,
       hops
ORDER BY hops
