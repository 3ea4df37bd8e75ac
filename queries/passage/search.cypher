// title: Zoeken in de tekst van het rapport
// description: Passages whose text contains $q (case-insensitive substring); the engine overrides use their Dutch full-text index with stemming and a score. $q holds plain words: kennisgraaf.fulltext.search_terms makes it so.
// params: q, limit=10
MATCH (p:Passage)
WHERE toLower(p.text) CONTAINS toLower($q)
RETURN p.id AS id, p.name AS name, p.section AS section, p.section_title AS section_title, p.text AS text,
       p.line_start AS line_start, p.line_end AS line_end, 1.0 AS score
ORDER BY score DESC, id
LIMIT $limit
