// title: Keten tussen twee knopen, via wie wat doet
// description: The best three chains (any direction, at most 4 steps, no node twice) between two nodes, ranked so that they follow responsibility: a step along who requests, sends information to, decides, executes, enforces, is consulted on, is responsible for, is coordinated in, or a procedure step costs 1; other links between actors, forums and laws (takes part in, organises, part of, based on …) 1.5; CONCERNS and IN_THEME 3; ABOUT and SUPERSEDED_BY 6. Passing an organisation, role or forum costs nothing, a measure, procedure, step or law 1, a tension 2, anything else (glossary terms, findings, external facts) 4. Ties go to the shorter chain, then to the alphabetical order of the node ids; between parallel relationships on the same route, to the ones pointing along the chain, then by type: (route, directions, types) names one chain, so both engines pick the same one. Never over the report's passages (MENTIONED_IN, SOURCED_FROM, NEXT). One row per chain (best first) with its nodes, relationships (with source and quote), hops and cost. For chains longer than 4 steps use entity.long_chain.
// params: from, to
MATCH p = (a:Entity {id: $from})-[*1..4]-(b:Entity {id: $to})
WHERE none(x1 IN relationships(p) WHERE type(x1) IN ['MENTIONED_IN', 'SOURCED_FROM', 'NEXT'])
  AND all(i IN range(0, length(p) - 1) WHERE none(j IN range(i + 1, length(p)) WHERE nodes(p)[i] = nodes(p)[j]))
WITH p,
     reduce(c = 0.0, r IN relationships(p) |
       c + CASE
             WHEN type(r) IN ['REQUESTS', 'SENDS_INFORMATION_TO', 'DECIDES', 'EXECUTES', 'ENFORCES', 'CONSULTED_ON',
                              'RESPONSIBLE_FOR', 'COORDINATED_IN', 'HAS_STEP', 'BY', 'IN'] THEN 1.0
             WHEN type(r) IN ['CONCERNS', 'IN_THEME'] THEN 3.0
             WHEN type(r) IN ['ABOUT', 'SUPERSEDED_BY'] THEN 6.0
             ELSE 1.5
           END)
     + reduce(c = 0.0, x IN nodes(p)[1..length(p)] |
       c + CASE
             WHEN x.label IN ['Organisation', 'Role', 'Forum'] THEN 0.0
             WHEN x.label IN ['Measure', 'Procedure', 'Step', 'LegalBasis'] THEN 1.0
             WHEN x.label = 'Tension' THEN 2.0
             ELSE 4.0
           END) AS cost
WITH p, cost, reduce(k = '', x IN nodes(p) | k + x.id + '>') AS route,
     reduce(k = '', r IN relationships(p) | k + type(r) + '>') AS types,
     reduce(k = '', i IN range(0, length(p) - 1) |
       k + CASE WHEN startNode(relationships(p)[i]).id = nodes(p)[i].id THEN 'a' ELSE 'b' END) AS directions
ORDER BY cost, route, size(replace(directions, 'a', '')), directions, types
WITH route, min(cost) AS cost,
     collect({
       nodes: [x IN nodes(p) | {id: x.id, label: x.label, name: x.name}],
       relationships: [r IN relationships(p) | {type: type(r), start: startNode(r).id, end: endNode(r).id, source: r.source, quote: r.quote, note: r.note}],
       hops: length(p)
     })[0] AS best
RETURN best.nodes AS nodes, best.relationships AS relationships, best.hops AS hops, cost
ORDER BY cost, hops, route
LIMIT 3
