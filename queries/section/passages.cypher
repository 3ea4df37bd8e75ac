// title: De passages van een hoofdstuk of paragraaf
// description: The passages of one section in order, each with the entities it names; for 's-voetnoten' the footnotes, each with the section on whose page it stands (appears_in).
// params: id
MATCH (s:Section {id: $id})<-[:PART_OF]-(p:Passage)
RETURN p.id AS id, p.name AS name, p.number AS number, p.order AS order, p.heading AS heading, p.kind AS kind,
       p.text AS text, p.line_start AS line_start, p.line_end AS line_end, p.appears_in AS appears_in,
       [(e1)-[:MENTIONED_IN]->(p) | {id: e1.id, label: e1.label, name: e1.name, number: e1.number, short_name: e1.short_name}] AS mentions
ORDER BY order
