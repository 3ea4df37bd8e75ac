// title: Organisatie volledig
// description: An organisation (or role) in full: what it is part of, its units and roles, measures and procedures with how it is involved, forums, information it sends and receives, trainings, external notes.
// params: id
MATCH (o:Entity {id: $id})
WHERE o.label IN ['Organisation', 'Role']
RETURN o.id AS id, o.label AS label, o.name AS name, o.abbreviation AS abbreviation, o.kind AS kind,
       o.summary AS summary, o.aliases AS aliases, o.source AS source, o.quote AS quote, o.source_url AS source_url,
       [(o)-[r1]->(p1) WHERE type(r1) IN ['PART_OF', 'UNDER_AUTHORITY_OF', 'FUNDED_BY'] | {relation: type(r1), id: p1.id, name: p1.name, source: r1.source}] AS parents,
       [(c2)-[r2:PART_OF]->(o) | {id: c2.id, label: c2.label, name: c2.name, source: r2.source}] AS parts,
       [(c3)-[r3]->(o) WHERE type(r3) IN ['UNDER_AUTHORITY_OF', 'FUNDED_BY'] | {relation: type(r3), id: c3.id, name: c3.name, source: r3.source}] AS subordinates,
       [(o)-[r4]->(m4) WHERE type(r4) IN ['RESPONSIBLE_FOR', 'EXECUTES', 'DECIDES', 'REQUESTS', 'CONSULTED_ON', 'ENFORCES'] |
           {relation: type(r4), id: m4.id, label: m4.label, number: m4.number, name: m4.name, short_name: m4.short_name, source: r4.source, quote: r4.quote}] AS measures,
       [(o)-[r5:PARTICIPATES_IN]->(f5:Forum) | {id: f5.id, name: f5.name, how: r5.how, source: r5.source}] AS forums,
       [(o)-[r6:ORGANISES]->(f6) | {id: f6.id, label: f6.label, name: f6.name, source: r6.source}] AS organises,
       [(f7:Forum)-[r7:HOSTED_AT]->(o) | {id: f7.id, name: f7.name, source: r7.source}] AS hosts,
       [(o)-[r8:SENDS_INFORMATION_TO]->(x8) | {id: x8.id, name: x8.name, instrument: r8.instrument, source: r8.source, quote: r8.quote}] AS sends_to,
       [(x9)-[r9:SENDS_INFORMATION_TO]->(o) | {id: x9.id, name: x9.name, instrument: r9.instrument, source: r9.source, quote: r9.quote}] AS receives_from,
       [(o)-[r10:OFFERS]->(t10:Training) | {id: t10.id, name: t10.name, source: r10.source}] AS trainings,
       [(o)-[r11:BASED_ON]->(l11:LegalBasis) | {id: l11.id, name: l11.name, source: r11.source}] AS legal_bases,
       [(x12:ExternalFact)-[r12]->(o) | {id: x12.id, name: x12.name, summary: x12.summary, source_url: x12.source_url, checked: x12.checked, confidence: x12.confidence}] AS external_facts
ORDER BY id
