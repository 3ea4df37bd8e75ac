// title: Aantallen per relatietype
// description: Number of relationships per type.
// params:
MATCH ()-[r]->()
RETURN type(r) AS type, count(r) AS count
ORDER BY type
