// title: Wettelijke grondslag volledig
// description: A legal basis with its articles or parent law, what rests on it, the tensions it is part of, and later changes (external).
// params: id
MATCH (l:LegalBasis {id: $id})
RETURN l.id AS id, l.name AS name, l.law AS law, l.article AS article, l.summary AS summary, l.aliases AS aliases,
       l.source AS source, l.quote AS quote, l.source_url AS source_url, l.checked AS checked, l.confidence AS confidence,
       [(l)-[r:PART_OF]->(p) | {id: p.id, name: p.name}] AS part_of,
       [(a)-[r:PART_OF]->(l) | {id: a.id, name: a.name, article: a.article}] AS articles,
       [(x)-[r:BASED_ON]->(l) | {id: x.id, label: x.label, name: x.name, number: x.number, source: r.source, quote: r.quote}] AS used_by,
       [(l)-[r:SUPERSEDED_BY]->(n) | {id: n.id, name: n.name, source: r.source, source_url: r.source_url, checked: r.checked}] AS superseded_by,
       [(x:ExternalFact)-[r]->(l) | {id: x.id, name: x.name, summary: x.summary, source_url: x.source_url, checked: x.checked, confidence: x.confidence}] AS external_facts
ORDER BY id
