// Load one batch of relationships of one type. __TYPE__ is replaced by a type from kennisgraaf.schema (never user text).
// Rows are de-duplicated by (start, type, end) before they get here: see kennisgraaf.stores.base.relation_batches.
UNWIND $rows AS row
MATCH (a:Entity {id: row.start})
MATCH (b:Entity {id: row.end})
MERGE (a)-[r:__TYPE__]->(b)
SET r += row.props
