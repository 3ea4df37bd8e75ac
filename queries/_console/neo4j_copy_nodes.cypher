// Every node of the graph with all its labels (but Entity) and properties, search_text included: the console's
// copy of a Neo4j graph is written from these rows. Not a catalogue query.
MATCH (n:Entity)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'] AS labels, properties(n) AS properties
