// title: Opleidingen en trainingen
// description: Every training with its audience and who offers, organises or funds it.
// params:
MATCH (t:Training)
RETURN t.id AS id, t.name AS name, t.summary AS summary, t.audience AS audience, t.source AS source, t.quote AS quote,
       [(o)-[r]->(t) WHERE type(r) IN ['OFFERS', 'ORGANISES', 'RESPONSIBLE_FOR'] | {id: o.id, name: o.name, abbreviation: o.abbreviation, relation: type(r)}] AS offered_by,
       [(t)-[:FUNDED_BY]->(o) | o.name] AS funded_by,
       [(t)-[:CONCERNS]->(x) | {id: x.id, label: x.label, name: x.name}] AS concerns
ORDER BY name
