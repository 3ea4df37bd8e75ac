// The live graph's version, for the console's copy of a Neo4j graph (kennisgraaf.stores.neo4j_store.Neo4jCopySource):
// the id that the last load wrote, and the numbers of nodes and relationships (Neo4j's count store: cheap), so that
// a write made outside a load shows too. Not a catalogue query.
MATCH (n) WITH count(n) AS nodes
MATCH ()-[r]->() WITH nodes, count(r) AS relationships
OPTIONAL MATCH (v:KennisgraafVersion)
RETURN v.version AS version, nodes, relationships
