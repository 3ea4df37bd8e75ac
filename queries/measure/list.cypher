// title: Alle maatregelen (voor de filtertabel)
// description: The 38 measures with theme, inspected, approach and the organisations, forums and legal bases linked to each.
// params:
MATCH (m:Measure)
RETURN m.id AS id, m.number AS number, m.name AS title, m.short_name AS short_name, m.inspected AS inspected,
       m.approach AS approach, m.summary AS summary, m.aliases AS aliases,
       [(m)-[:IN_THEME]->(t:Theme) | t.name] AS themes,
       [(m)-[:IN_THEME]->(:Theme)-[:PART_OF]->(pt:Theme) | pt.name] AS parent_themes,
       [(a)-[r]->(m) WHERE a.label IN ['Organisation', 'Role'] | a.name] AS organisations,
       [(m)-[:COORDINATED_IN]->(f:Forum) | f.name] AS forums,
       [(m)-[:BASED_ON]->(l:LegalBasis) | l.name] AS legal_bases
ORDER BY number
