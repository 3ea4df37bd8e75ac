// title: Opleidingen en trainingen
// description: Every training with its audience and who offers, organises or funds it.
// params:
MATCH (t:Training)
RETURN t.id AS id, t.name AS name, t.summary AS summary, t.audience AS audience, t.source AS source, t.quote AS quote,
       [(o1)-[r1]->(t) WHERE type(r1) IN ['OFFERS', 'ORGANISES', 'RESPONSIBLE_FOR'] | {id: o1.id, name: o1.name, abbreviation: o1.abbreviation, relation: type(r1)}] AS offered_by,
       [(t)-[:FUNDED_BY]->(o2) | o2.name] AS funded_by,
       [(t)-[:CONCERNS]->(x3) | {id: x3.id, label: x3.label, name: x3.name}] AS concerns
ORDER BY name
