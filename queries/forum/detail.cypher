// title: Overleg met deelnemers
// description: A forum in full: what it decides, who takes part (structural or case-dependent), where it is housed, who organises it, the measures, procedures and steps that run through it, tensions resolved there, findings.
// params: id
MATCH (f:Entity {id: $id})
WHERE f.label = 'Forum'
RETURN f.id AS id, f.name AS name, f.summary AS summary, f.decides AS decides, f.aliases AS aliases,
       f.source AS source, f.quote AS quote,
       [(a1)-[r1:PARTICIPATES_IN]->(f) | {id: a1.id, label: a1.label, name: a1.name, abbreviation: a1.abbreviation, how: r1.how, source: r1.source, quote: r1.quote}] AS participants,
       [(f)-[r2:HOSTED_AT]->(h2) | {id: h2.id, name: h2.name, source: r2.source, quote: r2.quote}] AS hosted_at,
       [(a3)-[r3:ORGANISES]->(f) | {id: a3.id, name: a3.name, source: r3.source}] AS organisers,
       [(f)-[r4:PART_OF]->(p4) | {id: p4.id, name: p4.name, source: r4.source}] AS part_of,
       [(m5)-[r5:COORDINATED_IN]->(f) | {id: m5.id, label: m5.label, number: m5.number, name: m5.name, source: r5.source}] AS coordinates,
       [(p6:Procedure)-[:HAS_STEP]->(s6:Step)-[:IN]->(f) | {id: p6.id, name: p6.name, step: s6.order, action: s6.action}] AS procedure_steps,
       [(t7:Tension)-[r7:RESOLVED_IN]->(f) | {id: t7.id, name: t7.name, source: r7.source}] AS tensions,
       [(f)-[r8:BASED_ON]->(l8:LegalBasis) | {id: l8.id, name: l8.name, law: l8.law, article: l8.article, source: r8.source, quote: r8.quote}] AS legal_bases,
       [(x9)-[r9]->(f) WHERE x9.label IN ['Finding', 'GoodPractice', 'AttentionPoint', 'Recommendation'] | {id: x9.id, label: x9.label, name: x9.name, summary: x9.summary, source: x9.source}] AS findings
ORDER BY id
