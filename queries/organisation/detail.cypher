// title: Organisatie volledig
// description: An organisation (or role) in full: what it is part of, its units and roles, measures and procedures with how it is involved, forums, information it sends and receives, trainings, external notes.
// params: id
MATCH (o:Entity {id: $id})
WHERE o.label IN ['Organisation', 'Role']
RETURN o.id AS id, o.label AS label, o.name AS name, o.abbreviation AS abbreviation, o.kind AS kind,
       o.summary AS summary, o.aliases AS aliases, o.source AS source, o.quote AS quote, o.source_url AS source_url,
       [(o)-[r]->(p) WHERE type(r) IN ['PART_OF', 'UNDER_AUTHORITY_OF', 'FUNDED_BY'] | {relation: type(r), id: p.id, name: p.name, source: r.source}] AS parents,
       [(c)-[r:PART_OF]->(o) | {id: c.id, label: c.label, name: c.name, source: r.source}] AS parts,
       [(c)-[r]->(o) WHERE type(r) IN ['UNDER_AUTHORITY_OF', 'FUNDED_BY'] | {relation: type(r), id: c.id, name: c.name, source: r.source}] AS subordinates,
       [(o)-[r]->(m) WHERE type(r) IN ['RESPONSIBLE_FOR', 'EXECUTES', 'DECIDES', 'REQUESTS', 'ENFORCES'] |
           {relation: type(r), id: m.id, label: m.label, number: m.number, name: m.name, short_name: m.short_name, source: r.source, quote: r.quote}] AS measures,
       [(o)-[r:PARTICIPATES_IN]->(f:Forum) | {id: f.id, name: f.name, how: r.how, source: r.source}] AS forums,
       [(o)-[r:ORGANISES]->(f) | {id: f.id, label: f.label, name: f.name, source: r.source}] AS organises,
       [(f:Forum)-[r:HOSTED_AT]->(o) | {id: f.id, name: f.name, source: r.source}] AS hosts,
       [(o)-[r:SENDS_INFORMATION_TO]->(x) | {id: x.id, name: x.name, instrument: r.instrument, source: r.source, quote: r.quote}] AS sends_to,
       [(x)-[r:SENDS_INFORMATION_TO]->(o) | {id: x.id, name: x.name, instrument: r.instrument, source: r.source, quote: r.quote}] AS receives_from,
       [(o)-[r:OFFERS]->(t:Training) | {id: t.id, name: t.name, source: r.source}] AS trainings,
       [(o)-[r:BASED_ON]->(l:LegalBasis) | {id: l.id, name: l.name, source: r.source}] AS legal_bases,
       [(x:ExternalFact)-[r]->(o) | {id: x.id, name: x.name, summary: x.summary, source_url: x.source_url, checked: x.checked, confidence: x.confidence}] AS external_facts
ORDER BY id
