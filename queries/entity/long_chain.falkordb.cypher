// override: FalkorDB's shortestPath() is directed only; its algo.SPpaths procedure searches both directions natively, which is far faster than enumerating paths.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CALL algo.SPpaths({sourceNode: a, targetNode: b, relDirection: 'both', maxLen: 6, pathCount: 1})
YIELD path
WITH path AS p, length(path) AS hops
RETURN [x IN nodes(p) | {id: x.id, label: x.label, name: x.name}] AS nodes,
       [r IN relationships(p) | {type: type(r), start: startNode(r).id, end: endNode(r).id, source: r.source, quote: r.quote, note: r.note}] AS relationships,
       hops
ORDER BY hops
LIMIT 1
