// override: Neo4j's shortestPath() finds the shortest undirected path natively instead of enumerating all paths.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE none(x1 IN relationships(p) WHERE type(x1) IN ['MENTIONED_IN', 'SOURCED_FROM', 'NEXT'])
WITH p, length(p) AS hops
RETURN [x IN nodes(p) | {id: x.id, label: x.label, name: x.name}] AS nodes,
       [r IN relationships(p) | {type: type(r), start: startNode(r).id, end: endNode(r).id, source: r.source, quote: r.quote, note: r.note}] AS relationships,
       hops
ORDER BY hops
LIMIT 1
