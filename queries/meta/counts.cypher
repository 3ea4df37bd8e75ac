// title: Aantallen per soort
// description: Number of nodes per label (without the shared Entity label).
// params:
MATCH (n:Entity)
RETURN n.label AS label, count(n) AS count
ORDER BY label
