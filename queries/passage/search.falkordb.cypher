// override: full-text search is a procedure whose name and signature differ per engine (FalkorDB: db.idx.fulltext.queryNodes on the Passage label). RediSearch joins words with AND and its Dutch stemming is partial ('ontheffing' does not find 'ontheffingen'), so each word of $q is asked for as itself or (from four letters) as a prefix, joined with '|'. $q must hold plain words only (kennisgraaf.fulltext.search_terms): RediSearch rejects malformed query syntax.
WITH reduce(s = '', w IN split($q, ' ') | s + CASE WHEN s = '' THEN '' ELSE ' | ' END + w + CASE WHEN size(w) >= 4 THEN ' | ' + w + '*' ELSE '' END) AS terms
CALL db.idx.fulltext.queryNodes('Passage', terms) YIELD node, score
WITH node AS p, score
RETURN p.id AS id, p.name AS name, p.section AS section, p.section_title AS section_title, p.text AS text,
       p.line_start AS line_start, p.line_end AS line_end, score
ORDER BY score DESC, id
LIMIT $limit
