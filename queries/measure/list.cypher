// title: Alle maatregelen (voor de filtertabel)
// description: The 38 measures with theme, inspected, approach and the organisations, forums and legal bases linked to each.
// params:
MATCH (m:Measure)
RETURN m.id AS id, m.number AS number, m.name AS title, m.short_name AS short_name, m.inspected AS inspected,
       m.approach AS approach, m.summary AS summary, m.aliases AS aliases,
       [(m)-[:IN_THEME]->(t1:Theme) | t1.name] AS themes,
       [(m)-[:IN_THEME]->(:Theme)-[:PART_OF]->(pt2:Theme) | pt2.name] AS parent_themes,
       [(a3)-[r3]->(m) WHERE a3.label IN ['Organisation', 'Role'] | a3.name] AS organisations,
       [(m)-[:COORDINATED_IN]->(f4:Forum) | f4.name] AS forums,
       [(m)-[:BASED_ON]->(l5:LegalBasis) | l5.name] AS legal_bases
ORDER BY number
