// title: Maatregelen per thema
// description: The measures of a theme, including those of its sub-themes (Lokaal, Nationaal, Internationaal).
// params: id
MATCH (t:Theme {id: $id})
MATCH (m:Measure)-[:IN_THEME]->(st:Theme)
WHERE st.id = t.id OR (st)-[:PART_OF]->(t)
RETURN t.name AS theme, st.name AS subtheme, m.id AS id, m.number AS number, m.name AS title,
       m.short_name AS short_name, m.inspected AS inspected, t.source AS source
ORDER BY number
