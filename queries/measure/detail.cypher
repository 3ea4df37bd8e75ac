// title: Maatregel volledig
// description: A measure in full: theme, who is responsible / executes / decides / may request / enforces, legal bases, forums, procedures, tensions, findings, conclusions, external notes — each with its source.
// params: id
MATCH (m:Entity {id: $id})
WHERE m.label = 'Measure'
RETURN m.id AS id, m.number AS number, m.name AS title, m.short_name AS short_name, m.summary AS summary,
       m.inspected AS inspected, m.approach AS approach, m.aliases AS aliases, m.note AS note,
       m.source AS source, m.quote AS quote,
       [(m)-[r1:IN_THEME]->(t1:Theme) | {id: t1.id, name: t1.name, source: r1.source}] AS themes,
       [(m)-[:IN_THEME]->(:Theme)-[:PART_OF]->(pt2:Theme) | {id: pt2.id, name: pt2.name}] AS parent_themes,
       [(a3)-[r3]->(m) WHERE type(r3) IN ['RESPONSIBLE_FOR', 'EXECUTES', 'DECIDES', 'REQUESTS', 'CONSULTED_ON', 'ENFORCES'] |
           {relation: type(r3), id: a3.id, label: a3.label, name: a3.name, abbreviation: a3.abbreviation, source: r3.source, quote: r3.quote, external: r3.source = 'external'}] AS actors,
       [(m)-[r4:BASED_ON]->(l4:LegalBasis) | {id: l4.id, name: l4.name, law: l4.law, article: l4.article, source: r4.source, quote: r4.quote, external: r4.source = 'external', source_url: r4.source_url}] AS legal_bases,
       [(m)-[r5:COORDINATED_IN]->(f5:Forum) | {id: f5.id, name: f5.name, source: r5.source, quote: r5.quote}] AS forums,
       [(p6:Procedure)-[r6:CONCERNS]->(m) | {id: p6.id, name: p6.name, source: r6.source}] AS procedures,
       [(t7:Tension)-[r7:BETWEEN]->(m) | {id: t7.id, name: t7.name, summary: t7.summary, resolution: t7.resolution, source: t7.source, quote: t7.quote}] AS tensions,
       [(m)<-[:BETWEEN]-(t8:Tension)-[:BETWEEN]->(o8:Measure) WHERE o8.id <> m.id | {tension: t8.id, id: o8.id, name: o8.name, number: o8.number}] AS tension_measures,
       [(f9:Finding)-[r9]->(m) | {id: f9.id, name: f9.name, summary: f9.summary, value: f9.value, unit: f9.unit, population: f9.population, source: f9.source, quote: f9.quote}] AS findings,
       [(c10)-[r10:CONCERNS]->(m) WHERE c10.label IN ['GoodPractice', 'AttentionPoint', 'Recommendation', 'Training'] | {id: c10.id, label: c10.label, name: c10.name, source: c10.source}] AS conclusions,
       [(x11:ExternalFact)-[r11]->(m) | {id: x11.id, name: x11.name, summary: x11.summary, source_url: x11.source_url, checked: x11.checked, confidence: x11.confidence}] AS external_facts
ORDER BY number
