// Every relationship of the graph with its properties, for the console's copy of a Neo4j graph. Not a catalogue
// query.
MATCH (a:Entity)-[r]->(b:Entity)
RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties
