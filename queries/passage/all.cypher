// title: Alle passages (voor zoeken in het rapport)
// description: Every passage of the report in reading order with its text, lines in source/ and the ids of the entities it names; the question answerer builds its passage index from this.
// params:
MATCH (p:Passage)
RETURN p.id AS id, p.section AS section, p.section_title AS section_title, p.name AS name, p.heading AS heading,
       p.kind AS kind, p.order AS order, p.text AS text, p.line_start AS line_start, p.line_end AS line_end,
       [(e1)-[:MENTIONED_IN]->(p) | e1.id] AS mentions
ORDER BY order
