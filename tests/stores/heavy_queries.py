"""Heavy read-only Cypher of different kinds, as a hostile console user would write it (both engines' dialect).

Sizes are chosen so that every query is heavy (seconds to hours, or gigabytes, without limits). HEAVY_QUERIES are
finite even on Neo4j itself (the opt-in console, which keeps computing some expressions after their timeout: see
README, "The console's guarantees").
"""

from __future__ import annotations

HEAVY_QUERIES: list[tuple[str, str]] = [
    ("huge UNWIND, counted", "UNWIND range(1, 200000000) AS i RETURN count(i) AS n"),
    ("huge UNWIND, every row", "UNWIND range(1, 100000000) AS i RETURN i"),
    ("huge sort", "UNWIND range(1, 50000000) AS i RETURN i ORDER BY -i LIMIT 1"),
    ("huge list", "RETURN size(range(1, 100000000)) AS n"),
    (
        "cartesian product",
        "MATCH (a), (b), (c) WHERE a.id < b.id AND b.id < c.id RETURN count(*) AS n",
    ),
    ("unbounded variable-length paths", "MATCH p = (a)-[*]-(b) RETURN count(p) AS n"),
    ("huge result rows", "MATCH (a), (b) RETURN a, b, [(a)-[r]-() | r] AS around"),
    (
        "collect of everything, many times",
        "MATCH (n) WITH collect(n) AS a MATCH (m) WITH a, collect(m) AS b "
        "UNWIND a AS x UNWIND b AS y UNWIND a AS z RETURN count(*) AS n",
    ),
    ("collect of a huge range", "UNWIND range(1, 30000000) AS i WITH collect(i) AS l UNWIND l AS a RETURN sum(a) AS n"),
    (
        "nested list comprehension",
        "RETURN size([x IN range(1, 4000) | size([y IN range(1, 4000) WHERE x * y % 7 = 3])]) AS n",
    ),
    ("string blow-up in reduce", "RETURN size(reduce(s = '', x IN range(1, 60000) | s + 'abcdefghij')) AS n"),
]

# Each grows without bound inside one expression. Run on both engines' console copy (FalkorDB, killed by the
# watchdog), never on Neo4j itself: on Neo4j 5.26 neither the transaction timeout nor db.memory.transaction.max stops
# them (measured: the JVM heap filled and Neo4j stopped answering).
RUNAWAY_QUERIES: list[tuple[str, str]] = [
    ("string doubling", "RETURN size(reduce(s = 'x', i IN range(1, 40) | s + s)) AS n"),
    ("string blow-up over 50 million", "RETURN size(reduce(s = '', x IN range(1, 50000000) | s + 'abcdefghij')) AS n"),
    ("list of lists", "RETURN size([x IN range(1, 20000000) | [y IN range(1, 10) | x * y]]) AS n"),
]
