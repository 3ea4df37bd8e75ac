// title: Overleg met deelnemers
// description: A forum in full: what it decides, who takes part (structural or case-dependent), where it is housed, who organises it, the measures, procedures and steps that run through it, tensions resolved there, findings.
// params: id
MATCH (f:Forum {id: $id})
RETURN f.id AS id, f.name AS name, f.summary AS summary, f.decides AS decides, f.aliases AS aliases,
       f.source AS source, f.quote AS quote,
       [(a)-[r:PARTICIPATES_IN]->(f) | {id: a.id, label: a.label, name: a.name, abbreviation: a.abbreviation, how: r.how, source: r.source, quote: r.quote}] AS participants,
       [(f)-[r:HOSTED_AT]->(h) | {id: h.id, name: h.name, source: r.source, quote: r.quote}] AS hosted_at,
       [(a)-[r:ORGANISES]->(f) | {id: a.id, name: a.name, source: r.source}] AS organisers,
       [(f)-[r:PART_OF]->(p) | {id: p.id, name: p.name, source: r.source}] AS part_of,
       [(m)-[r:COORDINATED_IN]->(f) | {id: m.id, label: m.label, number: m.number, name: m.name, source: r.source}] AS coordinates,
       [(p:Procedure)-[:HAS_STEP]->(s:Step)-[:IN]->(f) | {id: p.id, name: p.name, step: s.order, action: s.action}] AS procedure_steps,
       [(t:Tension)-[r:RESOLVED_IN]->(f) | {id: t.id, name: t.name, source: r.source}] AS tensions,
       [(f)-[r:BASED_ON]->(l:LegalBasis) | {id: l.id, name: l.name, law: l.law, article: l.article, source: r.source, quote: r.quote}] AS legal_bases,
       [(x)-[r]->(f) WHERE x.label IN ['Finding', 'GoodPractice', 'AttentionPoint', 'Recommendation'] | {id: x.id, label: x.label, name: x.name, summary: x.summary, source: x.source}] AS findings
ORDER BY id
