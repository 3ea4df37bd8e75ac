// title: Procedure als genummerde stappen
// description: The ordered steps of a procedure — or of every procedure that concerns the given node — each with its actor, forum and legal basis, the sources, and external notes.
// params: id
MATCH (x:Entity {id: $id})
MATCH (p)-[:CONCERNS*0..1]->(x)
WHERE p.label = 'Procedure'
MATCH (p)-[h:HAS_STEP]->(s:Step)
RETURN p.id AS procedure_id, p.name AS procedure, p.summary AS summary, p.source AS procedure_source, p.quote AS procedure_quote,
       h.order AS order, s.action AS action, s.source AS source, s.quote AS quote,
       [(s)-[:BY]->(a1) | {id: a1.id, label: a1.label, name: a1.name, abbreviation: a1.abbreviation}] AS actors,
       [(s)-[:IN]->(f2) | {id: f2.id, name: f2.name}] AS forums,
       [(s)-[:BASED_ON]->(l3) | {id: l3.id, name: l3.name}] AS legal_bases,
       [(p)-[:CONCERNS]->(m4) | {id: m4.id, label: m4.label, name: m4.name, number: m4.number}] AS concerns,
       [(x5:ExternalFact)-[:ABOUT]->(p) | {id: x5.id, name: x5.name, summary: x5.summary, source_url: x5.source_url, checked: x5.checked, confidence: x5.confidence}] AS external_facts
ORDER BY procedure_id, order
