// Indexes for the embedded FalkorDB graph; the unique constraint on Entity.id is created by the store
// through GRAPH.CONSTRAINT, which has no Cypher form. Statements are separated by lines with a single ';'.
CREATE INDEX FOR (n:Entity) ON (n.id)
;
CALL db.idx.fulltext.createNodeIndex({label: 'Entity', language: 'dutch', stopwords: $stopwords}, 'name', 'search_text')
;
CALL db.idx.fulltext.createNodeIndex({label: 'Passage', language: 'dutch', stopwords: $stopwords}, 'text')
