// title: Alle wettelijke grondslagen
// description: Laws, articles, resolutions and covenants, with their law, what they are part of and how many things rest on them.
// params:
MATCH (l:LegalBasis)
RETURN l.id AS id, l.name AS name, l.law AS law, l.article AS article, l.summary AS summary, l.source AS source,
       l.source = 'external' AS external, l.source_url AS source_url,
       [(l)-[:PART_OF]->(p1) | p1.name] AS part_of,
       size([(x2)-[:BASED_ON]->(l) | x2.id]) AS used_by
ORDER BY law, name
