// title: Maatregelen per thema
// description: The measures of a theme, including those of its sub-themes (Lokaal, Nationaal, Internationaal).
// params: id
MATCH (t:Entity {id: $id})
WHERE t.label = 'Theme'
MATCH (st)-[:PART_OF*0..1]->(t)
WHERE st.label = 'Theme'
MATCH (m:Measure)-[:IN_THEME]->(st)
RETURN t.name AS theme, st.name AS subtheme, m.id AS id, m.number AS number, m.name AS title,
       m.short_name AS short_name, m.inspected AS inspected, t.source AS source
ORDER BY number
