// title: Begrippenlijst
// description: The glossary: abbreviations of Bijlage III, the definitions of §2.1 and domain words, with what each is about.
// params:
MATCH (t:Term)
RETURN t.id AS id, t.name AS name, t.definition AS definition, t.aliases AS aliases, t.source AS source, t.quote AS quote,
       [(t)-[:ABOUT]->(x1) | {id: x1.id, label: x1.label, name: x1.name}] AS about
ORDER BY toLower(name)
