# Reads {"dialect": "spark"|"bigquery", "sql": script} as JSON on stdin. Prints, as JSON, the
# script's statements transpiled to DuckDB by sqlglot ("statements"), and what each statement
# parsed to: its kind and every column name in it ("parsed"). Run with Debian's /usr/bin/python3
# (python3-sqlglot, SPEC 7); a parse error exits non-zero with sqlglot's message.
import json
import sys

import sqlglot
from sqlglot import exp

request = json.load(sys.stdin)
trees = [t for t in sqlglot.parse(request["sql"], read=request["dialect"]) if t is not None]
json.dump(
    {
        "statements": [t.sql(dialect="duckdb") for t in trees],
        "parsed": [
            {"kind": t.key, "columns": sorted({c.name for c in t.find_all(exp.Column)})} for t in trees
        ],
    },
    sys.stdout,
)
