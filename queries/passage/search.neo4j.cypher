// override: full-text search is a procedure whose name and signature differ per engine (Neo4j: db.index.fulltext.queryNodes on the passage_text index with the Dutch analyzer; Lucene joins words with OR). $q must hold plain words only (kennisgraaf.fulltext.search_terms): Lucene rejects malformed query syntax.
CALL db.index.fulltext.queryNodes('passage_text', $q) YIELD node, score
WITH node AS p, score
RETURN p.id AS id, p.name AS name, p.section AS section, p.section_title AS section_title, p.text AS text,
       p.line_start AS line_start, p.line_end AS line_end, score
ORDER BY score DESC, id
LIMIT $limit
