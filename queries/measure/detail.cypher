// title: Maatregel volledig
// description: A measure in full: theme, who is responsible / executes / decides / may request / enforces, legal bases, forums, procedures, tensions, findings, conclusions, external notes — each with its source.
// params: id
MATCH (m:Measure {id: $id})
RETURN m.id AS id, m.number AS number, m.name AS title, m.short_name AS short_name, m.summary AS summary,
       m.inspected AS inspected, m.approach AS approach, m.aliases AS aliases, m.note AS note,
       m.source AS source, m.quote AS quote,
       [(m)-[r:IN_THEME]->(t:Theme) | {id: t.id, name: t.name, source: r.source}] AS themes,
       [(m)-[:IN_THEME]->(:Theme)-[:PART_OF]->(pt:Theme) | {id: pt.id, name: pt.name}] AS parent_themes,
       [(a)-[r]->(m) WHERE type(r) IN ['RESPONSIBLE_FOR', 'EXECUTES', 'DECIDES', 'REQUESTS', 'ENFORCES'] |
           {relation: type(r), id: a.id, label: a.label, name: a.name, abbreviation: a.abbreviation, source: r.source, quote: r.quote, external: r.source = 'external'}] AS actors,
       [(m)-[r:BASED_ON]->(l:LegalBasis) | {id: l.id, name: l.name, law: l.law, article: l.article, source: r.source, quote: r.quote, external: r.source = 'external', source_url: r.source_url}] AS legal_bases,
       [(m)-[r:COORDINATED_IN]->(f:Forum) | {id: f.id, name: f.name, source: r.source, quote: r.quote}] AS forums,
       [(p:Procedure)-[r:CONCERNS]->(m) | {id: p.id, name: p.name, source: r.source}] AS procedures,
       [(t:Tension)-[r:BETWEEN]->(m) | {id: t.id, name: t.name, summary: t.summary, resolution: t.resolution, source: t.source, quote: t.quote}] AS tensions,
       [(m)<-[:BETWEEN]-(t:Tension)-[:BETWEEN]->(o:Measure) WHERE o.id <> m.id | {tension: t.id, id: o.id, name: o.name, number: o.number}] AS tension_measures,
       [(f:Finding)-[r]->(m) | {id: f.id, name: f.name, summary: f.summary, value: f.value, unit: f.unit, population: f.population, source: f.source, quote: f.quote}] AS findings,
       [(c)-[r:CONCERNS]->(m) WHERE c.label IN ['GoodPractice', 'AttentionPoint', 'Recommendation', 'Training'] | {id: c.id, label: c.label, name: c.name, source: c.source}] AS conclusions,
       [(x:ExternalFact)-[r]->(m) | {id: x.id, name: x.name, summary: x.summary, source_url: x.source_url, checked: x.checked, confidence: x.confidence}] AS external_facts
ORDER BY number
