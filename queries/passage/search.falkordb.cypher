// override: full-text search is a procedure whose name and signature differ per engine (FalkorDB: db.idx.fulltext.queryNodes on the Passage label, Dutch stemming); RediSearch joins words with AND, so the words of $q are joined with '|' to find passages with any of them. $q must hold plain words only (kennisgraaf.fulltext.search_terms): RediSearch rejects malformed query syntax.
CALL db.idx.fulltext.queryNodes('Passage', replace($q, ' ', ' | ')) YIELD node, score
WITH node AS p, score
RETURN p.id AS id, p.name AS name, p.section AS section, p.section_title AS section_title, p.text AS text,
       p.line_start AS line_start, p.line_end AS line_end, score
ORDER BY score DESC, id
LIMIT $limit
