// title: Hoofdstukken en paragrafen van het rapport
// description: Every section of the report (Voorwoord, Samenvatting, Hoofdstuk 1–5 with §1.1 … §5.3, Bijlage I with its themes, Bijlage III, Voetnoten) in reading order, with its parent, level, lines in source/ and number of passages.
// params:
MATCH (s:Section)
RETURN s.id AS id, s.name AS name, s.title AS title, s.level AS level, s.order AS order, s.parent AS parent,
       s.line_start AS line_start, s.line_end AS line_end,
       size([(p1:Passage)-[:PART_OF]->(s) | p1.id]) AS passages
ORDER BY order
