// title: Procedure als genummerde stappen
// description: The ordered steps of a procedure — or of every procedure that concerns the given node — each with its actor, forum and legal basis, the sources, and external notes.
// params: id
MATCH (p:Procedure)
WHERE p.id = $id OR (p)-[:CONCERNS]->(:Entity {id: $id})
MATCH (p)-[h:HAS_STEP]->(s:Step)
RETURN p.id AS procedure_id, p.name AS procedure, p.summary AS summary, p.source AS procedure_source, p.quote AS procedure_quote,
       h.order AS order, s.action AS action, s.source AS source, s.quote AS quote,
       [(s)-[:BY]->(a) | {id: a.id, label: a.label, name: a.name, abbreviation: a.abbreviation}] AS actors,
       [(s)-[:IN]->(f) | {id: f.id, name: f.name}] AS forums,
       [(s)-[:BASED_ON]->(l) | {id: l.id, name: l.name}] AS legal_bases,
       [(p)-[:CONCERNS]->(m) | {id: m.id, label: m.label, name: m.name, number: m.number}] AS concerns,
       [(x:ExternalFact)-[:ABOUT]->(p) | {id: x.id, name: x.name, summary: x.summary, source_url: x.source_url, checked: x.checked, confidence: x.confidence}] AS external_facts
ORDER BY procedure_id, order
