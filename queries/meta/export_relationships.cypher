// title: Export: alle relaties
// description: Every relationship with its type, endpoints and properties, for `kennisgraaf export`.
// params:
MATCH (a:Entity)-[r]->(b:Entity)
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties
ORDER BY type, start, end
