// Load one batch of nodes of one label. __LABEL__ is replaced by a label from kennisgraaf.models (never user text).
UNWIND $rows AS row
MERGE (n:Entity:__LABEL__ {id: row.id})
SET n += row.props
