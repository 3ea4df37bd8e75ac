// Neo4j only: the last statement of every load, in the load's own transaction. The console's copy of the graph
// follows this id (queries/_console/neo4j_version.cypher), whichever process loaded. Not an Entity: no catalogue
// query or export sees it.
CREATE (:KennisgraafVersion {version: $version})
