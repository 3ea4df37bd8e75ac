// title: Alle knopen (voor zoeken en koppelen)
// description: Every curated node (not the report's sections and passages) with the names people may use for it and its search text; the question answerer builds its entity index from this.
// params:
MATCH (n:Entity)
WHERE NOT n.label IN ['Step', 'Section', 'Passage']
RETURN n.id AS id, n.label AS label, n.name AS name, n.short_name AS short_name,
       n.abbreviation AS abbreviation, n.aliases AS aliases, n.number AS number, n.article AS article,
       n.search_text AS text
ORDER BY label, id
