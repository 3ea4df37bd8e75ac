// override: Neo4j's allShortestPaths() finds the shortest undirected paths natively instead of enumerating all paths.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE none(x1 IN relationships(p) WHERE type(x1) IN ['MENTIONED_IN', 'SOURCED_FROM', 'NEXT'])
WITH p, length(p) AS hops,
     size([r IN relationships(p) WHERE type(r) IN ['ABOUT', 'CONCERNS', 'IN_THEME', 'PART_OF', 'FUNDED_BY', 'SENDS_INFORMATION_TO', 'SUPERSEDED_BY', 'HOSTED_AT', 'ORGANISES', 'OFFERS']]) AS weak,
     reduce(k = '', r IN relationships(p) | k + type(r) + ':' + startNode(r).id + '>' + endNode(r).id + ' ') AS key
RETURN [x IN nodes(p) | {id: x.id, label: x.label, name: x.name}] AS nodes,
       [r IN relationships(p) | {type: type(r), start: startNode(r).id, end: endNode(r).id, source: r.source, quote: r.quote, note: r.note}] AS relationships,
       hops
ORDER BY hops, weak, key
LIMIT 1
