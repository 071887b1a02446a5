"""Checks a `dossier export --format ftm` file against FollowTheMoney's schema.

Usage: python3 ftm_check.py SCHEMA_DIR FILE

SCHEMA_DIR is `followthemoney/schema/` from the `followthemoney` package
(`pip download --no-deps followthemoney` and unzip the wheel). Checks that each
entity's schema exists and is not abstract, that each property belongs to the
schema (or what it extends), that required properties are present, and that
entity references point to exported entities. Needs PyYAML.
"""
import json, sys, yaml, glob, os
schemas = {}
for f in glob.glob(os.path.join(sys.argv[1], '*.yaml')):
    schemas.update(yaml.safe_load(open(f)))
def props(name, seen=None):
    s = schemas[name]; out = dict(s.get('properties') or {})
    for e in s.get('extends') or []: out.update(props(e))
    return out
def required(name):
    s = schemas[name]; out = set(s.get('required') or [])
    for e in s.get('extends') or []: out |= required(e)
    return out
ids = set(); errors = 0; n = 0; refs = []
for line in open(sys.argv[2]):
    v = json.loads(line); n += 1
    sc = v['schema']
    if sc not in schemas or schemas[sc].get('abstract'):
        print('bad schema', sc); errors += 1; continue
    ids.add(v['id'])
    p = props(sc)
    for k, vals in v['properties'].items():
        if k not in p: print(sc, 'unknown property', k); errors += 1
        elif p[k].get('type') == 'entity': refs += [(x, p[k].get('range')) for x in vals]
    for r in required(sc):
        if not v['properties'].get(r): print(sc, v['id'], 'missing required', r); errors += 1
for x, rng in refs:
    if x not in ids: print('dangling ref', x); errors += 1
print(n, 'entities checked,', errors, 'errors')
