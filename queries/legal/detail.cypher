// title: Wettelijke grondslag volledig
// description: A legal basis with its articles or parent law, what rests on it, the tensions it is part of, and later changes (external).
// params: id
MATCH (l:Entity {id: $id})
WHERE l.label = 'LegalBasis'
RETURN l.id AS id, l.name AS name, l.law AS law, l.article AS article, l.summary AS summary, l.aliases AS aliases,
       l.source AS source, l.quote AS quote, l.source_url AS source_url, l.checked AS checked, l.confidence AS confidence,
       [(l)-[r1:PART_OF]->(p1) | {id: p1.id, name: p1.name}] AS part_of,
       [(a2)-[r2:PART_OF]->(l) | {id: a2.id, name: a2.name, article: a2.article}] AS articles,
       [(x3)-[r3:BASED_ON]->(l) | {id: x3.id, label: x3.label, name: x3.name, number: x3.number, source: r3.source, quote: r3.quote}] AS used_by,
       [(l)-[r4:SUPERSEDED_BY]->(n4) | {id: n4.id, name: n4.name, source: r4.source, source_url: r4.source_url, checked: r4.checked}] AS superseded_by,
       [(x5:ExternalFact)-[r5]->(l) | {id: x5.id, name: x5.name, summary: x5.summary, source_url: x5.source_url, checked: x5.checked, confidence: x5.confidence}] AS external_facts
ORDER BY id
