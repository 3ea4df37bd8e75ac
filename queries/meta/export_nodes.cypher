// title: Export: alle knopen
// description: Every node with its label and properties, for `kennisgraaf export`.
// params:
MATCH (n:Entity)
RETURN n.id AS id, n.label AS label, properties(n) AS properties
ORDER BY label, id
