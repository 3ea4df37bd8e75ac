// title: Bevindingen en conclusies van het rapport
// description: Every finding, good practice, attention point and recommendation, with what it concerns — to find the one that answers a question.
// params:
MATCH (s:Entity)
WHERE s.label IN ['Finding', 'GoodPractice', 'AttentionPoint', 'Recommendation']
RETURN s.id AS id, s.label AS label, s.number AS number, s.name AS name, s.summary AS summary, s.value AS value,
       s.unit AS unit, s.population AS population, s.source AS source, s.quote AS quote, s.note AS note,
       [(s)-[r1]->(x1) WHERE type(r1) IN ['CONCERNS', 'ABOUT'] | {id: x1.id, label: x1.label, name: x1.name}] AS concerns
ORDER BY label, number, id
