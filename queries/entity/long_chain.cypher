// title: Kortste keten tussen twee knopen (tot zes stappen, elk soort relatie)
// description: The shortest chain of relationships (any direction, at most 6 steps) between two nodes, over any kind of curated relationship (never over the report's passages); the fallback when entity.chain finds no chain of at most 4 steps. Of several equally short chains the one with the fewest loose links (about, concerns, in theme, part of, funded by, informs …) wins, then the first by relationship types and ids, so both engines show the same chain.
// params: from, to
MATCH p = (a:Entity {id: $from})-[*1..6]-(b:Entity {id: $to})
WHERE none(x1 IN relationships(p) WHERE type(x1) IN ['MENTIONED_IN', 'SOURCED_FROM', 'NEXT'])
WITH p, length(p) AS hops,
     size([r IN relationships(p) WHERE type(r) IN ['ABOUT', 'CONCERNS', 'IN_THEME', 'PART_OF', 'FUNDED_BY', 'SENDS_INFORMATION_TO', 'SUPERSEDED_BY', 'HOSTED_AT', 'ORGANISES', 'OFFERS']]) AS weak,
     reduce(k = '', r IN relationships(p) | k + type(r) + ':' + startNode(r).id + '>' + endNode(r).id + ' ') AS key
RETURN [x IN nodes(p) | {id: x.id, label: x.label, name: x.name}] AS nodes,
       [r IN relationships(p) | {type: type(r), start: startNode(r).id, end: endNode(r).id, source: r.source, quote: r.quote, note: r.note}] AS relationships,
       hops
ORDER BY hops, weak, key
LIMIT 1
