#!/usr/bin/env python3
"""Validates a stream of FollowTheMoney entities (JSON Lines on standard
input, as `dossier export --format ftm` writes them) against the model of
the `followthemoney` package itself.

Stricter than `ftm validate`, which cleans silently: every entity must use
a schema of the model that is not abstract, every property must exist on its
schema, every value must survive the property type's own cleaning unchanged
in meaning (an invalid country code or date is reported, not dropped), every
required property must be present, and every entity reference must point to
an entity in the stream whose schema fits the property's range.

Exit status 0 when the stream is valid, 1 with one line per fault otherwise,
2 when the package is missing.
"""
import json
import sys

try:
    from followthemoney import model
    from followthemoney.types import registry
except ImportError:
    print("followthemoney is not installed (pip install followthemoney)", file=sys.stderr)
    sys.exit(2)


def main():
    entities = [json.loads(line) for line in sys.stdin if line.strip()]
    by_id = {}
    faults = []
    for e in entities:
        if e.get("id") in by_id:
            faults.append(f"{e.get('id')}: duplicate id")
        by_id[e.get("id")] = e
    counts = {}
    for e in entities:
        eid = e.get("id")
        schema = model.get(e.get("schema"))
        if schema is None:
            faults.append(f"{eid}: unknown schema {e.get('schema')!r}")
            continue
        if schema.abstract:
            faults.append(f"{eid}: abstract schema {schema.name}")
        counts[schema.name] = counts.get(schema.name, 0) + 1
        props = e.get("properties", {})
        for name in schema.required:
            if not props.get(name):
                faults.append(f"{eid}: {schema.name} lacks required {name}")
        for name, values in props.items():
            prop = schema.get(name)
            if prop is None:
                faults.append(f"{eid}: {schema.name} has no property {name}")
                continue
            if not isinstance(values, list):
                faults.append(f"{eid}: {name} is not a list")
                continue
            for v in values:
                if not isinstance(v, str):
                    faults.append(f"{eid}: {name} value {v!r} is not a string")
                    continue
                if prop.type == registry.entity:
                    target = by_id.get(v)
                    if target is None:
                        faults.append(f"{eid}: {name} refers to {v}, not in the stream")
                    elif not model.get(target["schema"]).is_a(prop.range):
                        faults.append(f"{eid}: {name} refers to a {target['schema']}, not a {prop.range.name}")
                    continue
                cleaned = prop.type.clean(v)
                if cleaned is None:
                    faults.append(f"{eid}: {name} value {v[:60]!r} is not a valid {prop.type.name}")
                elif prop.type in (registry.country, registry.language, registry.date) and cleaned != v:
                    faults.append(f"{eid}: {name} value {v!r} is not in canonical form ({cleaned!r})")
    for f in faults[:200]:
        print(f)
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    print(f"{len(entities)} entities ({summary}); {len(faults)} faults", file=sys.stderr)
    sys.exit(1 if faults else 0)


if __name__ == "__main__":
    main()
