// Constraint and indexes for Neo4j 5 (idempotent). Statements are separated by lines with a single ';'.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE
;
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.search_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'dutch'}}
;
CREATE FULLTEXT INDEX passage_text IF NOT EXISTS FOR (n:Passage) ON EACH [n.text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'dutch'}}
