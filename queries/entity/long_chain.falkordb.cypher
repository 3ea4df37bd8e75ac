// override: FalkorDB's shortestPath() is directed only; its algo.SPpaths procedure searches both directions natively (pathCount 0: all shortest paths), which is far faster than enumerating paths. SPpaths takes no path predicate, so relTypes lists every curated relationship type (not the report's MENTIONED_IN, SOURCED_FROM, NEXT); a test keeps the list equal to kennisgraaf.schema.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CALL algo.SPpaths({sourceNode: a, targetNode: b, relTypes: ['ABOUT', 'BASED_ON', 'BETWEEN', 'BY', 'CONCERNS', 'CONSULTED_ON', 'COORDINATED_IN', 'DECIDES', 'ENFORCES', 'EXECUTES', 'FUNDED_BY', 'HAS_STEP', 'HOSTED_AT', 'IN', 'IN_THEME', 'OFFERS', 'ORGANISES', 'PARTICIPATES_IN', 'PART_OF', 'REQUESTS', 'RESOLVED_IN', 'RESPONSIBLE_FOR', 'SENDS_INFORMATION_TO', 'SUPERSEDED_BY', 'UNDER_AUTHORITY_OF'],
                 relDirection: 'both', maxLen: 6, pathCount: 0})
YIELD path
WITH path AS p
WITH p, length(p) AS hops,
     size([r IN relationships(p) WHERE type(r) IN ['ABOUT', 'CONCERNS', 'IN_THEME', 'PART_OF', 'FUNDED_BY', 'SENDS_INFORMATION_TO', 'SUPERSEDED_BY', 'HOSTED_AT', 'ORGANISES', 'OFFERS']]) AS weak,
     reduce(k = '', r IN relationships(p) | k + type(r) + ':' + startNode(r).id + '>' + endNode(r).id + ' ') AS key
RETURN [x IN nodes(p) | {id: x.id, label: x.label, name: x.name}] AS nodes,
       [r IN relationships(p) | {type: type(r), start: startNode(r).id, end: endNode(r).id, source: r.source, quote: r.quote, note: r.note}] AS relationships,
       hops
ORDER BY hops, weak, key
LIMIT 1
