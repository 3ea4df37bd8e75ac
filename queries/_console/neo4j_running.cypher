// Console transactions still running on the Neo4j server (terminated ones too, until they really end).
// Not a catalogue query: the Neo4j store counts them before it starts another console query.
SHOW TRANSACTIONS YIELD transactionId, metaData, status
WHERE metaData.app = $tag
RETURN transactionId AS id, metaData.run AS run, status AS status
