// title: Passage uit het rapport
// description: One passage of the report by id: its text and lines in source/, its section, the previous and next passage, the entities it names (MENTIONED_IN) and the nodes whose quote it holds (SOURCED_FROM).
// params: id
MATCH (p:Passage {id: $id})
OPTIONAL MATCH (p)-[:PART_OF]->(s:Section)
OPTIONAL MATCH (before:Passage)-[:NEXT]->(p)
OPTIONAL MATCH (p)-[:NEXT]->(after:Passage)
RETURN p.id AS id, p.name AS name, p.section AS section, p.section_title AS section_title, s.name AS section_name,
       p.heading AS heading, p.kind AS kind, p.number AS number, p.order AS order, p.text AS text,
       p.line_start AS line_start, p.line_end AS line_end, p.appears_in AS appears_in,
       before.id AS prev, after.id AS next,
       [(e1)-[m1:MENTIONED_IN]->(p) | {id: e1.id, label: e1.label, name: e1.name, number: e1.number, short_name: e1.short_name, how: m1.how, form: m1.form}] AS mentions,
       [(e2)-[:SOURCED_FROM]->(p) | {id: e2.id, label: e2.label, name: e2.name}] AS sourced
ORDER BY id
