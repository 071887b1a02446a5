# Writes src/openapi.json (the OpenAPI 3 document of the API): python3 openapi.py > src/openapi.json
# crates/dossier-cli/tests/serve.rs checks the result against the routes and their parameters.
import json
def ref(n): return {"$ref": f"#/components/schemas/{n}"}
def q(name, desc, schema=None, required=False):
    return {"name": name, "in": "query", "required": required, "description": desc, "schema": schema or {"type": "string", "maxLength": 500}}
def pid(desc): return {"name": "id", "in": "path", "required": True, "description": desc, "schema": {"type": "string", "maxLength": 256}}
date = {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}
limit = lambda d, m=100: q("limit", f"Items per page (default {d}, at most {m}).", {"type": "integer", "minimum": 1, "maximum": m, "default": d})
offset = q("offset", "Items to skip (offset + limit at most 10000).", {"type": "integer", "minimum": 0, "maximum": 10000, "default": 0})
errs = {"400": {"$ref": "#/components/responses/BadParameter"}, "401": {"$ref": "#/components/responses/Unauthorized"}}
def ok(desc, schema): return {"200": {"description": desc, "content": {"application/json": {"schema": schema}}}}
def page(item): return {"type": "object", "required": ["offset", "limit", "has_more", "items"], "properties": {
    "offset": {"type": "integer"}, "limit": {"type": "integer"}, "has_more": {"type": "boolean", "description": "Whether items follow this page."},
    "items": {"type": "array", "items": item}}}
nullable_str = {"type": ["string", "null"]}
span = {"type": "object", "required": ["start", "end", "text"], "properties": {"start": {"type": "integer", "description": "Code points."}, "end": {"type": "integer"}, "text": {"type": "string"}}}
schemas = {
 "MonthCount": {"type": "object", "required": ["month", "documents", "quotes"], "properties": {"month": {"type": "string", "description": "YYYY-MM"}, "documents": {"type": "integer"}, "quotes": {"type": "integer"}}},
 "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["status", "code", "message"], "properties": {
    "status": {"type": "integer"}, "code": {"type": "string", "enum": ["bad_parameter", "not_found", "unauthorized", "forbidden_host", "busy", "internal"]}, "message": {"type": "string"}}}}},
 "DocRef": {"type": "object", "description": "A document as results refer to it; `id` is the contract id.", "required": ["id", "path"], "properties": {
    "id": {"type": "string"}, "title": nullable_str, "site": nullable_str, "published": nullable_str, "url": nullable_str, "path": {"type": "string"}}},
 "EntityRef": {"type": "object", "required": ["id", "name"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "label": nullable_str}},
 "SpanText": span,
 "Speaker": {"type": "object", "required": ["start", "end", "text"], "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"},
    "name": nullable_str, "role": nullable_str, "entity": {"oneOf": [ref("EntityRef"), {"type": "null"}]}}},
 "Quote": {"type": "object", "required": ["doc", "kind", "start", "end", "text", "context"], "properties": {
    "doc": ref("DocRef"), "kind": {"type": "string", "enum": ["direct", "indirect", "mixed"]}, "start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"},
    "cue": {"oneOf": [ref("SpanText"), {"type": "null"}]}, "speaker": {"oneOf": [ref("Speaker"), {"type": "null"}]}, "confidence": {"type": ["number", "null"]},
    "candidates": {"type": "array", "items": {"type": "string"}}, "date": nullable_str, "date_source": nullable_str, "context": ref("SpanText")}},
 "SearchHit": {"type": "object", "required": ["id", "doc", "score", "snippet", "highlights"], "properties": {"id": {"type": "string"}, "doc": ref("DocRef"), "score": {"type": "number"},
    "snippet": {"type": "string"}, "highlights": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2}, "description": "[start, end) in code points of snippet."}}},
 "Mention": {"type": "object", "required": ["start", "end", "text", "label"], "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"},
    "label": {"type": "string"}, "sentence": {"type": ["integer", "null"]}, "entity": {"oneOf": [ref("EntityRef"), {"type": "null"}]}}},
 "DateMention": {"type": "object", "required": ["start", "end", "text", "value"], "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"}, "value": {"type": "string"}}},
 "Document": {"type": "object", "required": ["id", "path", "format", "text", "sentences", "mentions", "quotes", "dates"], "properties": {
    "id": {"type": "string"}, "path": {"type": "string"}, "format": {"type": "string"}, "url": nullable_str, "title": nullable_str, "authors": {"type": "array", "items": {"type": "string"}},
    "site": nullable_str, "published": nullable_str, "lang": nullable_str, "text": {"type": "string"},
    "sentences": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}}, "mentions": {"type": "array", "items": ref("Mention")},
    "quotes": {"type": "array", "items": ref("Quote")}, "dates": {"type": "array", "items": ref("DateMention")}}},
 "TopEntity": {"type": "object", "required": ["entity"], "properties": {"entity": ref("EntityRef"), "mentions": {"type": "integer"}, "documents": {"type": "integer"}}},
 "FacetCount": {"type": "object", "required": ["value", "documents"], "properties": {"value": {"type": "string"}, "documents": {"type": "integer"}}},
 "Facets": {"type": "object", "description": "Counted over the query's hits, not the corpus.", "required": ["sites", "months", "entities", "entity_docs", "undated"], "properties": {
    "sites": {"type": "array", "items": ref("FacetCount")}, "months": {"type": "array", "items": ref("FacetCount"), "description": "Hits per publication month (YYYY-MM), in order."},
    "first_day": nullable_str, "last_day": nullable_str, "undated": {"type": "integer"},
    "entities": {"type": "array", "items": {"type": "object", "required": ["entity", "documents"], "properties": {"entity": ref("EntityRef"), "documents": {"type": "integer"}}}},
    "entity_docs": {"type": "integer", "description": "How many of the best hits the entity counts cover."}}},
 "EntityMatch": {"type": "object", "required": ["entity", "matched", "mentions", "documents", "quotes"], "properties": {"entity": ref("EntityRef"),
    "matched": {"type": "string", "enum": ["id", "alias", "prefix", "word", "fuzzy"]}, "mentions": {"type": "integer"}, "documents": {"type": "integer"}, "quotes": {"type": "integer"}}},
 "Cooccurrence": {"type": "object", "required": ["entity", "count"], "properties": {"entity": ref("EntityRef"), "count": {"type": "integer"}}},
 "EntityProfile": {"type": "object", "required": ["id", "name", "aliases", "quotes", "quoted_about", "co_sentence", "co_document"], "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}, "label": nullable_str, "kind": nullable_str, "facts": {"description": "Knowledge-base facts as linking gave them."},
    "matched": {"type": "string", "enum": ["id", "alias", "word"]}, "also_matched": {"type": "array", "items": ref("EntityRef")}, "merged": {"type": "array", "items": {"type": "string"}},
    "aliases": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "count": {"type": "integer"}}}},
    "documents": {"type": "integer"}, "mentions": {"type": "integer"}, "quote_count": {"type": "integer"}, "first_seen": nullable_str, "last_seen": nullable_str,
    "quotes": {"type": "array", "items": ref("Quote")}, "quoted_about": {"type": "array", "items": ref("Quote")},
    "window_documents": {"type": "integer", "description": "Documents quoted_about and the co-occurrence lists are counted over: all of them (equal to documents)."},
    "co_sentence": {"type": "array", "items": ref("Cooccurrence")}, "co_document": {"type": "array", "items": ref("Cooccurrence")}}},
 "TimelineItem": {"type": "object", "required": ["date", "day", "kind", "doc", "text"], "properties": {"date": {"type": "string"}, "day": {"type": "string"},
    "kind": {"type": "string", "enum": ["document", "quote", "statement"]}, "doc": ref("DocRef"), "text": {"type": "string"}, "speaker": nullable_str,
    "entity": {"oneOf": [ref("EntityRef"), {"type": "null"}]}, "span": {"type": ["array", "null"], "items": {"type": "integer"}}}},
 "GraphNode": {"type": "object", "required": ["id", "name", "mentions"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "label": nullable_str, "mentions": {"type": "integer"}}},
 "GraphEdge": {"type": "object", "required": ["source", "target", "kind", "weight"], "properties": {"source": {"type": "string"}, "target": {"type": "string"},
    "kind": {"type": "string", "enum": ["co-occurrence", "quotes-about"]}, "weight": {"type": "integer"}}},
}
paths = {
 "/api/openapi.json": {"get": {"summary": "This document.", "operationId": "openapi", "responses": {"200": {"description": "The OpenAPI 3 document."}, "401": errs["401"]}}},
 "/api/search": {"get": {"summary": "Full-text search with filters; ranked hits with highlighted snippets.", "operationId": "search", "parameters": [
    q("q", "Query in tantivy syntax: words (all required), \"phrases\", OR, -excluded, title:word. Empty matches every document."),
    q("entity", "Only documents mentioning or quoting this entity (id or name)."), q("from", "Published on or after.", date), q("to", "Published on or before.", date),
    q("site", "Only documents of this site."), limit(20), offset,
    q("facets", "`true`: also count facets over the query's hits (sites, months and date range over all hits; entities over the best 200).", {"type": "boolean", "default": False})],
    "responses": {**ok("Hits.", {"type": "object", "required": ["total", "offset", "limit", "hits"], "properties": {"total": {"type": "integer"}, "offset": {"type": "integer"},
        "limit": {"type": "integer"}, "hits": {"type": "array", "items": ref("SearchHit")}, "facets": ref("Facets")}}), **errs}}},
 "/api/documents/{id}": {"get": {"summary": "A document: text, metadata and every annotation with its span (code points).", "operationId": "document",
    "parameters": [pid("The document's contract id.")], "responses": {**ok("The document.", ref("Document")), **errs, "404": {"$ref": "#/components/responses/NotFound"}}}},
 "/api/entities": {"get": {"summary": "Entities: the most mentioned, or a look-up by name: id, alias, alias prefix, word prefixes, then near spellings (best match first, then most mentioned).", "operationId": "entities",
    "parameters": [q("q", "A name, name prefix or id; empty lists the most mentioned entities."), limit(20), offset], "responses": {**ok("Entities (TopEntity without q, EntityMatch with q).", page({"oneOf": [ref("TopEntity"), ref("EntityMatch")]})), **errs}}},
 "/api/entities/{id}": {"get": {"summary": "An entity's profile: names, facts, counts, quotes, what others say about it, companions.", "operationId": "entity",
    "parameters": [pid("An entity id (or a name, resolved like the CLI does)."), limit(20), q("offset", "Items of each list to skip (paging quotes, quoted_about, co-occurrences).", {"type": "integer", "minimum": 0, "maximum": 10000, "default": 0})], "responses": {**ok("The profile.", ref("EntityProfile")), **errs, "404": {"$ref": "#/components/responses/NotFound"}}}},
 "/api/quotes": {"get": {"summary": "Quotes in date order, filtered by speaker, subject and date.", "operationId": "quotes", "parameters": [
    q("speaker", "Quotes by this speaker (id or name)."), q("about", "Quotes whose content mentions this entity."), q("from", "On or after.", date), q("to", "On or before.", date),
    q("doc", "Only quotes of this document (contract id)."), limit(20), offset], "responses": {**ok("Quotes.", page(ref("Quote"))), **errs}}},
 "/api/timeline": {"get": {"summary": "Dated items (documents, quotes, dated statements) in date order.", "operationId": "timeline", "parameters": [
    q("entity", "Only items about this entity."), q("from", "On or after.", date), q("to", "On or before.", date), limit(100), offset,
    q("by", "`month`: instead of items, the entity's documents and quotes per month (needs entity, takes nothing else).", {"type": "string", "enum": ["month"]})],
    "responses": {**ok("Items, or with by=month {entity, months}.", {"oneOf": [page(ref("TimelineItem")), {"type": "object", "required": ["entity", "months"], "properties": {"entity": {"type": "string"}, "months": {"type": "array", "items": ref("MonthCount")}}}]}), **errs, "404": {"$ref": "#/components/responses/NotFound"}}}},
 "/api/graph": {"get": {"summary": "The actor network: nodes and weighted edges, heaviest first.", "operationId": "graph", "parameters": [
    q("min_weight", "Leave out lighter edges.", {"type": "integer", "minimum": 1, "default": 1}), q("limit", "Most edges (heaviest first).", {"type": "integer", "minimum": 1, "maximum": 2000, "default": 500}), offset],
    "responses": {**ok("The graph.", {"type": "object", "required": ["nodes", "edges", "total_nodes", "total_edges"], "properties": {"min_weight": {"type": "integer"},
        "total_nodes": {"type": "integer"}, "total_edges": {"type": "integer"}, "nodes": {"type": "array", "items": ref("GraphNode")}, "edges": {"type": "array", "items": ref("GraphEdge")}}}), **errs}}},
 "/api/stats": {"get": {"summary": "Counts and sizes of the store, and its most mentioned entities.", "operationId": "stats",
    "parameters": [q("top", "How many top entities (0 to 100).", {"type": "integer", "minimum": 0, "maximum": 100, "default": 20})],
    "responses": {**ok("Statistics.", {"type": "object", "required": ["stats", "top_entities", "sites", "documents_per_month"], "properties": {"stats": {"type": "object"}, "top_entities": {"type": "array", "items": ref("TopEntity")},
        "sites": {"type": "array", "items": {"type": "object", "properties": {"site": {"type": "string"}, "documents": {"type": "integer"}}}},
        "documents_per_month": {"type": "array", "items": ref("MonthCount")}}}), **errs}}},
}
doc = {"openapi": "3.1.0", "info": {"title": "dossier API", "version": "0.1.0", "description":
    "Read-only JSON API over a dossier store. Spans are [start, end) in code points of the document text. Every reference to a document carries its contract id. "
    "Errors are JSON bodies {error: {status, code, message}}. When the server runs with a token, every request (API, UI page and asset) needs `Authorization: Bearer <token>` or the session cookie a browser gets by opening `/?token=<token>` once (HttpOnly, SameSite=Strict)."},
  "servers": [{"url": "/"}], "security": [{}, {"bearer": []}, {"session": []}], "paths": paths,
  "components": {"schemas": schemas, "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}, "session": {"type": "apiKey", "in": "cookie", "name": "dossier_session"}},
    "responses": {"BadParameter": {"description": "A parameter is unknown, repeated, malformed or out of range.", "content": {"application/json": {"schema": ref("Error")}}},
      "NotFound": {"description": "No such id.", "content": {"application/json": {"schema": ref("Error")}}},
      "Unauthorized": {"description": "A token is required and was missing or wrong.", "content": {"application/json": {"schema": ref("Error")}}}}}}
print(json.dumps(doc, indent=1))
