// title: Aanbevelingen, aandachtspunten en good practices
// description: The report's conclusions of one kind (GoodPractice, AttentionPoint, Recommendation) or all (kind = ''), with what they concern.
// params: kind=""
MATCH (c:Entity)
WHERE c.label IN ['GoodPractice', 'AttentionPoint', 'Recommendation'] AND ($kind = '' OR c.label = $kind)
RETURN c.id AS id, c.label AS label, c.number AS number, c.name AS name, c.summary AS summary,
       c.source AS source, c.quote AS quote,
       [(c)-[:CONCERNS]->(x1) | {id: x1.id, label: x1.label, name: x1.name}] AS concerns
ORDER BY label, number, name
