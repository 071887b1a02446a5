//! API tests of `dossier serve`: the real binary serves a store built from
//! committed fixtures (the demo corpus and hostile pages, ingested with the
//! real pipeline) on a free loopback port, and a minimal HTTP/1.1 client
//! checks status codes, JSON shapes, error bodies, the token, the Host
//! check, the security headers and that the OpenAPI document matches the
//! routes. Assertions are on structure, not on what NER happens to find.

mod util;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

/// A running `dossier serve`, killed on drop.
struct Server {
    child: Child,
    addr: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let demo = format!("{root}/data/demo/wikinews-gum.jsonl");
    let hostile = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/serve");
    let r = util::dossier(&["--store", store, "ingest", &demo, hostile]);
    assert_eq!(r.code, 0, "ingest failed: {}", r.stderr);
    serve(dir, store, extra)
}

/// A server over the demo corpus with synthetic linked names (`bench store
/// --name-mentions`), so entity look-ups have entities to find whatever the
/// real pipeline links.
fn start_names() -> Server {
    start_names_with(&[])
}

/// [`start_names`] with more `serve` arguments.
fn start_names_with(extra: &[&str]) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("names");
    let store = store.to_str().unwrap();
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/demo/wikinews-gum.jsonl");
    let r = util::dossier(&["bench", "store", "--name-mentions", "--queries", "1", "--into", store, demo]);
    assert_eq!(r.code, 0, "bench store failed: {}", r.stderr);
    serve(dir, store, extra)
}

fn serve(dir: tempfile::TempDir, store: &str, extra: &[&str]) -> Server {
    let mut args = vec!["--store", store, "serve", "--addr", "127.0.0.1:0"];
    args.extend_from_slice(extra);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.args(&args);
    serve_with(dir, cmd)
}

/// Starts `cmd` (a `dossier serve` on port 0) and reads the address it prints.
fn serve_with(dir: tempfile::TempDir, mut cmd: Command) -> Server {
    let mut child = cmd
        .env_remove("DOSSIER_TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server { child, addr, _dir: dir }
}

/// One HTTP response.
#[derive(Debug)]
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        assert!(self.header("content-type").unwrap_or("").starts_with("application/json"), "{self:?}");
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

impl Server {
    fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        self.send("GET", path, headers, None)
    }

    /// A POST with a JSON body (`Content-Type: application/json` unless
    /// `headers` name another).
    fn post(&self, path: &str, headers: &[(&str, &str)], body: &str) -> Resp {
        self.send("POST", path, headers, Some(body))
    }

    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Resp {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let has = |name: &str| headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(name));
        let mut req = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !has("host") {
            req.push_str(&format!("Host: {}\r\n", self.addr));
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        if let Some(b) = body {
            if !has("content-type") {
                req.push_str("Content-Type: application/json\r\n");
            }
            req.push_str(&format!("Content-Length: {}\r\n\r\n{b}", b.len()));
        } else {
            req.push_str("\r\n");
        }
        s.write_all(req.as_bytes()).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8(raw).expect("UTF-8 response");
        let (head, body) = raw.split_once("\r\n\r\n").expect("a header block");
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        assert!(
            !headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")),
            "this test client reads plain bodies only"
        );
        Resp { status, headers, body: body.to_string() }
    }

    fn get(&self, path: &str) -> Resp {
        self.get_with(path, &[])
    }
}

fn assert_error(r: &Resp, status: u16, code: &str) {
    assert_eq!(r.status, status, "{}", r.body);
    let v = r.json();
    assert_eq!(v["error"]["status"], status);
    assert_eq!(v["error"]["code"], code, "{}", r.body);
    assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(!r.body.contains("panicked") && !r.body.contains("RUST_BACKTRACE"));
}

fn is_doc_ref(v: &Value) -> bool {
    v["id"].as_str().is_some_and(|id| id.len() == 64 && id.chars().all(|c| c.is_ascii_hexdigit()))
        && v["path"].is_string()
}

#[test]
fn api_answers_json_with_fitting_statuses() {
    let s = start(&[]);

    let stats = s.get("/api/stats").json();
    assert_eq!(stats["stats"]["documents"], 26, "24 demo articles and 2 hostile fixtures");
    assert!(stats["top_entities"].is_array());
    let months: i64 = stats["documents_per_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["documents"].as_i64().unwrap())
        .sum();
    assert!(months > 20 && months <= 26, "dated documents per month: {months}");
    assert!(stats["sites"].as_array().unwrap().iter().any(|x| x["site"] == "Wikinews"));

    // Search: ranked hits with snippets, highlights inside them, contract ids, pagination.
    let r = s.get("/api/search?q=said&limit=3").json();
    let total = r["total"].as_u64().unwrap();
    assert!(total > 3, "{total}");
    let hits = r["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3);
    for h in hits {
        assert_eq!(h["id"], h["doc"]["id"]);
        assert!(is_doc_ref(&h["doc"]));
        let n = h["snippet"].as_str().unwrap().chars().count();
        for hl in h["highlights"].as_array().unwrap() {
            assert!(
                hl[0].as_u64().unwrap() < hl[1].as_u64().unwrap() && hl[1].as_u64().unwrap() as usize <= n
            );
        }
    }
    let page2 = s.get("/api/search?q=said&limit=3&offset=3").json();
    assert_eq!(page2["total"], total);
    assert_eq!(page2["offset"], 3);
    let ids1: Vec<&Value> = hits.iter().map(|h| &h["id"]).collect();
    for h in page2["hits"].as_array().unwrap() {
        assert!(!ids1.contains(&&h["id"]), "pages overlap");
    }
    let site = s.get("/api/search?q=&site=wikinews&limit=1").json();
    assert_eq!(site["total"], 24);
    let dated = s.get("/api/search?from=2021&to=2021-12-31").json();
    assert_eq!(dated["total"], 2, "the hostile fixtures are the 2021 documents");
    assert_eq!(s.get("/api/search?q=zzzqqqxxx").json()["total"], 0);

    // A document: text, metadata and annotations with code-point spans inside the text.
    let id = hits[0]["id"].as_str().unwrap().to_string();
    let d = s.get(&format!("/api/documents/{id}")).json();
    assert_eq!(d["id"], id.as_str());
    let n = d["text"].as_str().unwrap().chars().count();
    for key in ["sentences", "mentions", "quotes", "dates"] {
        assert!(d[key].is_array(), "{key}");
    }
    assert!(!d["sentences"].as_array().unwrap().is_empty());
    let inside = |v: &Value| {
        v["start"].as_u64().unwrap() <= v["end"].as_u64().unwrap() && v["end"].as_u64().unwrap() as usize <= n
    };
    for m in d["mentions"].as_array().unwrap().iter().chain(d["dates"].as_array().unwrap()) {
        assert!(inside(m), "{m}");
        let text: String = d["text"]
            .as_str()
            .unwrap()
            .chars()
            .skip(m["start"].as_u64().unwrap() as usize)
            .take((m["end"].as_u64().unwrap() - m["start"].as_u64().unwrap()) as usize)
            .collect();
        assert_eq!(text, m["text"].as_str().unwrap(), "span text");
    }
    for q in d["quotes"].as_array().unwrap() {
        assert!(inside(q), "{q}");
        assert_eq!(q["doc"]["id"], id.as_str());
    }

    // Quotes: pages, each with its document reference.
    let q = s.get("/api/quotes?limit=5").json();
    let items = q["items"].as_array().unwrap();
    assert!(q["has_more"].is_boolean());
    if stats["stats"]["quotes"].as_i64().unwrap() > 5 {
        assert_eq!(items.len(), 5);
        assert_eq!(q["has_more"], true);
    }
    for it in items {
        assert!(is_doc_ref(&it["doc"]));
        assert!(it["context"]["text"].is_string());
    }
    assert_eq!(s.get("/api/quotes?from=2099").json()["items"].as_array().unwrap().len(), 0);

    // Timeline, entities, graph: shapes.
    let t = s.get("/api/timeline?limit=5").json();
    assert_eq!(t["items"].as_array().unwrap().len(), 5);
    for it in t["items"].as_array().unwrap() {
        assert!(is_doc_ref(&it["doc"]));
    }
    let days: Vec<&str> = t["items"].as_array().unwrap().iter().map(|i| i["day"].as_str().unwrap()).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "timeline in date order: {days:?}");
    let e = s.get("/api/entities").json();
    assert!(e["items"].is_array());
    if let Some(first) = e["items"].as_array().unwrap().first() {
        let eid = first["entity"]["id"].as_str().unwrap();
        let p = s.get(&format!("/api/entities/{eid}")).json();
        assert_eq!(p["id"], eid);
        for key in ["aliases", "quotes", "quoted_about", "co_sentence", "co_document"] {
            assert!(p[key].is_array(), "{key}");
        }
        let m = s.get(&format!("/api/timeline?entity={eid}&by=month")).json();
        assert!(m["months"].is_array());
    }
    let g = s.get("/api/graph?min_weight=1&limit=10").json();
    assert!(g["nodes"].is_array() && g["edges"].as_array().unwrap().len() <= 10);

    // Errors: JSON, fitting statuses.
    assert_error(&s.get("/api/search?bogus=1"), 400, "bad_parameter");
    // `limit=0` means "all" as `--limit 0` does in the CLI: a full page.
    let all = s.get("/api/search?q=said&limit=0").json();
    assert_eq!(all["limit"], 100);
    assert_eq!(all["hits"].as_array().unwrap().len() as u64, all["total"].as_u64().unwrap().min(100));
    assert_error(&s.get("/api/search?limit=101"), 400, "bad_parameter");
    assert_error(&s.get("/api/search?limit=101"), 400, "bad_parameter");
    assert_error(&s.get("/api/search?limit=abc"), 400, "bad_parameter");
    assert_error(&s.get("/api/search?offset=9999&limit=100"), 400, "bad_parameter");
    assert_error(&s.get("/api/search?q=a&q=b"), 400, "bad_parameter");
    assert_error(&s.get("/api/search?q=%ZZ"), 400, "bad_parameter");
    assert_error(&s.get("/api/search?from=yesterday"), 400, "bad_parameter");
    assert_error(&s.get("/api/search?from=2010-13-01"), 400, "bad_parameter");
    assert_error(&s.get("/api/quotes?to=2010-02-30"), 400, "bad_parameter");
    // A malformed query is searched as its words, with a notice.
    let r = s.get("/api/search?q=title:(unclosed");
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.json()["notice"].as_str().is_some_and(|n| n.contains("as written")));
    // Nesting beyond the limit: a 400 saying so.
    let deep = format!("/api/search?q={}x{}", "(".repeat(20), ")".repeat(20));
    let r = s.get(&deep);
    assert_error(&r, 400, "bad_parameter");
    assert!(r.body.contains("nests parentheses 20 deep"), "{}", r.body);
    assert_error(&s.get(&format!("/api/search?q={}", "a".repeat(600))), 400, "bad_parameter");
    assert_error(&s.get(&format!("/api/search?q={}", "a+".repeat(3000))), 400, "bad_parameter");
    assert_error(&s.get("/api/timeline?by=year"), 400, "bad_parameter");
    assert_error(
        &s.get("/api/documents/0000000000000000000000000000000000000000000000000000000000000000"),
        404,
        "not_found",
    );
    assert_error(&s.get("/api/entities/no-such-entity-anywhere"), 404, "not_found");
    assert_error(&s.get("/api/timeline?entity=no-such-entity-anywhere"), 404, "not_found");
    assert_error(&s.get("/api/nothing"), 404, "not_found");
    assert_error(&s.get("/nothing"), 404, "not_found");
    assert_error(&s.get("/ui/nothing.js"), 404, "not_found");
    let r = s.get_with("/api/stats", &[]);
    assert_eq!(r.status, 200);

    // The UI shell and its files, embedded.
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert!(home.header("content-type").unwrap().starts_with("text/html"));
    assert!(home.body.contains("/ui/app.js"));
    let js = s.get("/ui/app.js");
    assert_eq!(js.status, 200);
    assert!(js.header("content-type").unwrap().starts_with("text/javascript"));
}

#[test]
fn every_response_carries_the_security_headers() {
    let s = start(&[]);
    for path in ["/", "/ui/app.js", "/api/stats", "/api/search?bogus=1", "/nothing"] {
        let r = s.get(path);
        let csp = r.header("content-security-policy").unwrap_or_else(|| panic!("{path}: no CSP"));
        assert!(
            csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline")
                && !csp.contains("unsafe-eval"),
            "{csp}"
        );
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"), "{path}");
    }
    assert_eq!(s.get("/api/stats").header("cache-control"), Some("no-store"));
}

#[test]
fn token_is_required_on_the_api_when_set() {
    let s = start(&["--token", "s3cret-token"]);
    let r = s.get("/api/stats");
    assert_error(&r, 401, "unauthorized");
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    assert_error(&s.get_with("/api/stats", &[("Authorization", "Bearer wrong")]), 401, "unauthorized");
    assert_error(&s.get_with("/api/stats", &[("Authorization", "Basic s3cret-token")]), 401, "unauthorized");
    assert_error(&s.get("/api/openapi.json"), 401, "unauthorized");
    assert_error(&s.get("/api/nothing"), 401, "unauthorized");
    assert_eq!(s.get_with("/api/stats", &[("Authorization", "Bearer s3cret-token")]).status, 200);
    // The UI shell and its files need it too.
    assert_error(&s.get("/"), 401, "unauthorized");
    assert_error(&s.get("/ui/app.js"), 401, "unauthorized");
    assert_error(&s.get("/favicon.ico"), 401, "unauthorized");
    assert_eq!(s.get_with("/", &[("Authorization", "Bearer s3cret-token")]).status, 200);
    // A browser opens /?token= once: a wrong token gets nothing...
    let r = s.get("/?token=s3cret-tokem");
    assert_error(&r, 401, "unauthorized");
    assert_eq!(r.header("set-cookie"), None);
    // ...the right one a redirect that drops it from the address bar and a
    // session cookie that scripts cannot read and other sites cannot send.
    let r = s.get("/?token=s3cret-token");
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), Some("/"));
    let cookie = r.header("set-cookie").expect("a session cookie").to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains("s3cret-token"), "the cookie must not carry the token: {cookie}");
    let pair = cookie.split(';').next().unwrap().to_string();
    assert!(pair.starts_with("dossier_session="), "{pair}");
    for path in ["/", "/ui/app.js", "/api/stats", "/api/search?q=said"] {
        assert_eq!(s.get_with(path, &[("Cookie", &pair)]).status, 200, "{path} with the session cookie");
    }
    let forged = format!("dossier_session={}", "0".repeat(64));
    assert_error(&s.get_with("/api/stats", &[("Cookie", &forged)]), 401, "unauthorized");
    // The token is taken from a URL on the page load only, never on the API.
    assert_error(&s.get("/api/stats?token=s3cret-token"), 401, "unauthorized");
}

#[test]
fn search_facets_count_the_query_hits() {
    let s = start(&[]);
    let all = s.get("/api/search?facets=true&limit=1").json();
    assert_eq!(all["total"], 26);
    let f = &all["facets"];
    let sum = |v: &Value, key: &str| -> u64 {
        v[key].as_array().unwrap().iter().map(|x| x["documents"].as_u64().unwrap()).sum()
    };
    assert_eq!(sum(f, "months") + f["undated"].as_u64().unwrap(), 26);
    assert!(f["sites"].as_array().unwrap().iter().any(|x| x["value"] == "Wikinews" && x["documents"] == 24));
    // The 2021 documents are the two hostile fixtures: their facets count
    // them alone, not the corpus.
    let r = s.get("/api/search?from=2021&to=2021-12-31&facets=true").json();
    assert_eq!(r["total"], 2);
    // The date filter says how many undated documents it left out.
    assert_eq!(r["undated_left_out"], f["undated"]);
    assert_eq!(all["undated_left_out"], 0);
    let f = &r["facets"];
    assert_eq!(sum(f, "months"), 2);
    assert!(f["months"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["value"].as_str().unwrap().starts_with("2021-")));
    assert!(
        f["first_day"].as_str().unwrap().starts_with("2021")
            && f["last_day"].as_str().unwrap().starts_with("2021")
    );
    assert!(!f["sites"].as_array().unwrap().iter().any(|x| x["value"] == "Wikinews"), "{f}");
    assert_eq!(f["entity_docs"], 2);
    // A word query: every site count is at most its hits.
    let r = s.get("/api/search?q=said&facets=true").json();
    let total = r["total"].as_u64().unwrap();
    assert!(sum(&r["facets"], "sites") <= total);
    assert_eq!(sum(&r["facets"], "months") + r["facets"]["undated"].as_u64().unwrap(), total);
    // Without the flag, no facets; a bad flag is a 400.
    assert!(s.get("/api/search?q=said").json().get("facets").is_none());
    assert_error(&s.get("/api/search?facets=maybe"), 400, "bad_parameter");
}

#[test]
fn entities_are_looked_up_by_name_and_paged() {
    let s = start_names();
    let top = s.get("/api/entities?limit=3").json();
    let items = top["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "{top}");
    let first = &items[0]["entity"];
    let (id, name) = (first["id"].as_str().unwrap(), first["name"].as_str().unwrap());
    // Pages of the top list tile it.
    let p2 = s.get("/api/entities?limit=2&offset=1").json();
    assert_eq!(p2["items"][0]["entity"]["id"], items[1]["entity"]["id"]);
    assert_eq!(p2["has_more"], true);
    // By id, by full name, by a prefix of the name, by a misspelling.
    let look = |q: &str| s.get(&format!("/api/entities?q={}", q.replace(' ', "+"))).json();
    let r = look(id);
    assert_eq!(
        (r["items"][0]["entity"]["id"].as_str(), r["items"][0]["matched"].as_str()),
        (Some(id), Some("id"))
    );
    let r = look(name);
    assert_eq!(r["items"][0]["entity"]["id"], id, "{r}");
    assert!(r["items"][0]["mentions"].as_i64().unwrap() > 0);
    let prefix: String = name.chars().take(name.chars().count() - 2).collect();
    let r = look(&prefix);
    assert!(r["items"].as_array().unwrap().iter().any(|m| m["entity"]["id"] == id), "{prefix}: {r}");
    let last = name.split(' ').next_back().unwrap();
    if last.chars().count() >= 5 {
        let mut typo: Vec<char> = last.chars().collect();
        typo.swap(1, 2);
        let typo: String = typo.into_iter().collect();
        let r = look(&typo);
        assert!(r["items"].as_array().unwrap().iter().any(|m| m["entity"]["id"] == id), "{typo}: {r}");
    }
    assert_eq!(look("zzqqxxvvkk")["items"].as_array().unwrap().len(), 0);
    assert_error(&s.get("/api/entities?q=a&offset=2000"), 400, "bad_parameter");
    // The profile pages its lists.
    let p = s.get(&format!("/api/entities/{id}?limit=2")).json();
    assert!(p["co_document"].as_array().unwrap().len() <= 2);
    let p2 = s.get(&format!("/api/entities/{id}?limit=2&offset=2")).json();
    if p["co_document"].as_array().unwrap().len() == 2 {
        if let Some(next) = p2["co_document"].as_array().unwrap().first() {
            assert!(!p["co_document"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["entity"]["id"] == next["entity"]["id"]));
        }
    }
    assert_eq!(s.get(&format!("/api/entities/{id}?limit=0")).status, 200);
    assert_error(&s.get(&format!("/api/entities/{id}?min_confidence=1.5")), 400, "bad_parameter");
    // Quotes pages carry has_more and do not overlap.
    let q1 = s.get("/api/quotes?limit=3").json();
    let q2 = s.get("/api/quotes?limit=3&offset=3").json();
    assert_eq!(q1["has_more"], true);
    let key = |q: &Value| (q["doc"]["id"].as_str().unwrap().to_string(), q["start"].as_u64().unwrap());
    for q in q2["items"].as_array().unwrap() {
        assert!(!q1["items"].as_array().unwrap().iter().any(|x| key(x) == key(q)), "pages overlap");
    }
}

#[test]
fn requests_for_other_hosts_are_refused_on_loopback() {
    let s = start(&[]);
    assert_error(&s.get_with("/api/stats", &[("Host", "evil.example")]), 403, "forbidden_host");
    assert_error(&s.get_with("/", &[("Host", "evil.example:8080")]), 403, "forbidden_host");
    assert_eq!(s.get_with("/api/stats", &[("Host", "localhost")]).status, 200);
}

#[test]
fn openapi_documents_every_route_and_parameter() {
    let s = start(&[]);
    let doc = s.get("/api/openapi.json").json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    let mut documented: Vec<&str> = paths.keys().map(String::as_str).collect();
    documented.sort();
    let mut expected = vec![
        "/api/decisions",
        "/api/decisions/{id}/undo",
        "/api/documents/{id}",
        "/api/documents/{id}/copies",
        "/api/entities",
        "/api/entities/{id}",
        "/api/graph",
        "/api/openapi.json",
        "/api/quotes",
        "/api/search",
        "/api/statements/{id}",
        "/api/stats",
        "/api/timeline",
    ];
    expected.sort();
    assert_eq!(documented, expected);
    // Every documented query parameter is accepted (not refused as unknown),
    // and every route answers something other than the 404 fallback.
    for (path, item) in paths {
        let concrete = path.replace("{id}", "x");
        let r = s.get(&concrete);
        assert!(!(r.status == 404 && r.body.contains("no such path")), "{path} is not served");
        for p in item["get"]["parameters"].as_array().into_iter().flatten().filter(|p| p["in"] == "query") {
            let name = p["name"].as_str().unwrap();
            let r = s.get(&format!("{concrete}?{name}="));
            assert!(
                !r.body.contains("unknown parameter"),
                "{path}: documented parameter {name} is refused: {}",
                r.body
            );
        }
    }
}

/// Percent-encodes a query parameter value.
fn enc(v: &str) -> String {
    v.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

#[test]
fn search_accepts_what_people_type() {
    let s = start(&[]);
    for q in ["Kosovo's", "O'Brien", "Côte d'Ivoire", "Russia to U.S.: Get Real", "http://example.org/a?b=c"]
    {
        let r = s.get(&format!("/api/search?q={}", enc(q)));
        assert_eq!(r.status, 200, "{q}: {}", r.body);
        assert!(r.json()["notice"].is_null(), "{q}: {}", r.body);
    }
    let r = s.get(&format!("/api/search?q={}", enc("\"unbalanced quote"))).json();
    assert!(r["notice"].as_str().unwrap().starts_with("unbalanced quote"), "{r}");
    // The worst nesting within the limit answers at once.
    let start = std::time::Instant::now();
    let q = format!("{}said{}", "(".repeat(8), ")".repeat(8));
    assert_eq!(s.get(&format!("/api/search?q={}", enc(&q))).status, 200);
    assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
}

#[test]
fn requests_from_other_origins_are_refused_without_a_token() {
    let s = start(&[]);
    let r = s.get_with("/api/stats", &[("Origin", "http://evil.example")]);
    assert_error(&r, 403, "forbidden_origin");
    assert_error(&s.get_with("/api/stats", &[("Origin", "null")]), 403, "forbidden_origin");
    let own = format!("http://{}", s.addr);
    assert_eq!(s.get_with("/api/stats", &[("Origin", own.as_str())]).status, 200);
    // No Origin (a same-origin GET, curl): answered.
    assert_eq!(s.get("/api/stats").status, 200);
}

/// Whether `s`'s peer closes the connection within `within` (read gives
/// end of file or an error other than a timeout).
fn closed_within(s: &mut TcpStream, within: Duration) -> bool {
    s.set_read_timeout(Some(within)).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) => {
                return !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut)
            }
        }
    }
}

#[test]
fn half_sent_and_idle_connections_time_out() {
    let s = start(&[]);
    let t0 = std::time::Instant::now();
    let mut half = TcpStream::connect(&s.addr).unwrap();
    half.write_all(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n").unwrap();
    let mut idle = TcpStream::connect(&s.addr).unwrap();
    assert!(closed_within(&mut half, Duration::from_secs(15)), "half-sent headers kept open");
    assert!(closed_within(&mut idle, Duration::from_secs(15)), "idle connection kept open");
    assert!(t0.elapsed() < Duration::from_secs(12), "{:?}", t0.elapsed());
    // The server still answers.
    assert_eq!(s.get("/api/stats").status, 200);
}

#[test]
fn idle_sockets_beyond_the_descriptor_limit_do_not_stop_the_server() {
    // The server runs with 128 descriptors; 200 idle sockets would exhaust
    // them without a connection cap, and keep them without timeouts.
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let store = store.to_str().unwrap();
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/demo/wikinews-gum.jsonl");
    let r = util::dossier(&["--store", store, "ingest", demo]);
    assert_eq!(r.code, 0, "ingest failed: {}", r.stderr);
    let cmd = format!(
        "ulimit -n 128 && exec {} --store {store} serve --addr 127.0.0.1:0",
        env!("CARGO_BIN_EXE_dossier")
    );
    let mut sh = Command::new("sh");
    sh.args(["-c", &cmd]);
    let s = serve_with(dir, sh);
    let idle: Vec<TcpStream> = (0..200).filter_map(|_| TcpStream::connect(&s.addr).ok()).collect();
    assert!(idle.len() >= 150, "{} sockets connected", idle.len());
    let t0 = std::time::Instant::now();
    let r = s.get("/api/stats");
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(t0.elapsed() < Duration::from_secs(25), "{:?}", t0.elapsed());
    drop(idle);
    assert_eq!(s.get("/api/search?q=said").status, 200);
}

#[test]
fn sigterm_stops_the_server_promptly_with_requests_in_flight() {
    let mut s = start(&[]);
    // A request half sent, an idle keep-alive connection and one answered.
    let mut half = TcpStream::connect(&s.addr).unwrap();
    half.write_all(b"GET /api/stats HTTP/1.1\r\n").unwrap();
    let _idle = TcpStream::connect(&s.addr).unwrap();
    assert_eq!(s.get("/api/stats").status, 200);
    let t0 = std::time::Instant::now();
    let killed = Command::new("kill").args(["-TERM", &s.child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let mut status = None;
    while t0.elapsed() < Duration::from_secs(10) {
        if let Some(st) = s.child.try_wait().unwrap() {
            status = Some(st);
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = status.expect("the server was still running 10 s after SIGTERM");
    assert!(status.success(), "{status:?}");
    assert!(t0.elapsed() < Duration::from_secs(5), "stopped after {:?}", t0.elapsed());
}

#[test]
fn every_error_has_a_json_body_even_a_wrong_method() {
    let s = start(&[]);
    assert_error(&s.send("DELETE", "/api/stats", &[], None), 405, "method_not_allowed");
    assert_error(&s.post("/api/search", &[], "{}"), 405, "method_not_allowed");
    assert_error(&s.get("/api/decisions/1/undo"), 405, "method_not_allowed");
    assert_error(&s.get("/api/nowhere"), 404, "not_found");
}

#[test]
fn quotes_carry_their_confidence_and_filter_on_it() {
    let s = start(&[]);
    // Every quote, page by page.
    let every = |query: &str| -> Vec<Value> {
        let mut out = Vec::new();
        let mut offset = 0;
        loop {
            let page = s.get(&format!("/api/quotes?limit=100&offset={offset}{query}")).json();
            out.extend(page["items"].as_array().unwrap().iter().cloned());
            if page["has_more"] != true {
                return out;
            }
            offset += 100;
        }
    };
    let first = s.get("/api/quotes?limit=1").json();
    let total = first["total"].as_i64().unwrap();
    assert_eq!(first["min_confidence"], Value::Null, "no filter without a speaker");
    let items = every("");
    assert_eq!(items.len() as i64, total);
    assert!(total > 20, "{total}");
    for q in &items {
        let c = q["confidence"].as_f64().expect("every quote has a confidence");
        assert!((0.0..=1.0).contains(&c));
    }
    // min_confidence keeps the quotes at or above it, and the total says how many.
    let sure = s.get("/api/quotes?limit=1&min_confidence=0.8").json();
    let n_sure = sure["total"].as_i64().unwrap();
    let expected = items.iter().filter(|q| q["confidence"].as_f64().unwrap() >= 0.8).count();
    assert_eq!(n_sure as usize, expected);
    assert_eq!(every("&min_confidence=0.8").len(), expected);
    assert_eq!(sure["less_certain"].as_i64().unwrap(), total - n_sure);
    let all = serde_json::json!({ "items": items });
    // Kinds.
    let direct = s.get("/api/quotes?limit=100&kind=direct").json();
    assert!(direct["items"].as_array().unwrap().iter().all(|q| q["kind"] == "direct"));
    let indirect = s.get("/api/quotes?limit=100&kind=indirect").json();
    let mixed = s.get("/api/quotes?limit=100&kind=mixed").json();
    assert_eq!(
        direct["total"].as_i64().unwrap()
            + indirect["total"].as_i64().unwrap()
            + mixed["total"].as_i64().unwrap(),
        total
    );
    assert_error(&s.get("/api/quotes?kind=rumour"), 400, "bad_parameter");
    assert_error(&s.get("/api/quotes?min_confidence=2"), 400, "bad_parameter");
    assert_error(&s.get("/api/quotes?min_confidence=x"), 400, "bad_parameter");
    // Quotes by a speaker leave out the less certain ones by default, and say how many.
    let stats = s.get("/api/stats?top=0").json();
    let threshold = stats["speaker_min_confidence"].as_f64().unwrap();
    let speaker = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q["speaker"]["name"].as_str().or(q["speaker"]["text"].as_str()))
        .find(|n| n.chars().next().is_some_and(char::is_uppercase))
        .expect("a named speaker")
        .to_string();
    let enc: String = speaker
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    let by = s.get(&format!("/api/quotes?speaker={enc}&limit=100")).json();
    let every = s.get(&format!("/api/quotes?speaker={enc}&limit=100&min_confidence=0")).json();
    assert_eq!(by["min_confidence"].as_f64(), Some(threshold));
    assert!(by["items"].as_array().unwrap().iter().all(|q| q["confidence"].as_f64().unwrap() >= threshold));
    assert_eq!(
        by["total"].as_i64().unwrap() + by["less_certain"].as_i64().unwrap(),
        every["total"].as_i64().unwrap()
    );
    // A date filter says how many undated quotes it left out.
    let dated = s.get("/api/quotes?from=1900&limit=1").json();
    let undated = all["items"].as_array().unwrap().iter().filter(|q| q["date"].is_null()).count();
    assert_eq!(dated["undated_left_out"].as_u64().unwrap() as usize, undated);
}

#[test]
fn corrections_need_a_token_and_are_refused_without_one() {
    let s = start_names_with(&[]);
    let d = s.get("/api/decisions").json();
    assert_eq!(d["writable"], false);
    let r = s.post("/api/decisions", &[], r#"{"kind":"merge","a":"x","b":"y"}"#);
    assert_error(&r, 403, "read_only");
    assert_error(&s.post("/api/decisions/1/undo", &[], ""), 403, "read_only");
}

/// The two most mentioned entities of a store.
fn two_entities(s: &Server, auth: &[(&str, &str)]) -> (String, String) {
    let top = s.get_with("/api/stats?top=2", auth).json();
    let id = |i: usize| top["top_entities"][i]["entity"]["id"].as_str().unwrap().to_string();
    (id(0), id(1))
}

#[test]
fn corrections_over_the_api_are_checked_recorded_and_undone() {
    let s = start_names_with(&["--token", "s3cret", "--token-label", "desk"]);
    let bearer = [("Authorization", "Bearer s3cret")];
    let (a, b) = two_entities(&s, &bearer);
    let merge = format!(r#"{{"kind":"merge","a":"{a}","b":"{b}"}}"#);
    // No credentials: 401. Another site's page: 403, even with the token.
    assert_error(&s.post("/api/decisions", &[], &merge), 401, "unauthorized");
    assert_error(
        &s.post("/api/decisions", &[bearer[0], ("Origin", "http://evil.example")], &merge),
        403,
        "cross_origin",
    );
    // The session cookie alone is not enough: the UI's header and Origin too.
    let page = s.get("/?token=s3cret");
    let cookie = page.header("set-cookie").unwrap().split(';').next().unwrap().to_string();
    let origin = format!("http://{}", s.addr);
    assert_error(&s.post("/api/decisions", &[("Cookie", &cookie)], &merge), 403, "write_refused");
    assert_error(
        &s.post("/api/decisions", &[("Cookie", &cookie), ("X-Dossier", "1")], &merge),
        403,
        "write_refused",
    );
    // Bad bodies are JSON errors.
    assert_error(&s.post("/api/decisions", &bearer, "{"), 400, "bad_parameter");
    assert_error(&s.post("/api/decisions", &bearer, r#"{"kind":"fold","a":"x"}"#), 400, "bad_parameter");
    assert_error(&s.post("/api/decisions", &bearer, r#"{"kind":"merge","a":"x"}"#), 400, "bad_parameter");
    assert_error(
        &s.post("/api/decisions", &[bearer[0], ("Content-Type", "text/plain")], &merge),
        415,
        "bad_content_type",
    );
    assert_error(
        &s.post(
            "/api/decisions",
            &bearer,
            r#"{"kind":"merge","a":"no-such-entity-x","b":"no-such-entity-y"}"#,
        ),
        404,
        "not_found",
    );
    // The UI's way: cookie, X-Dossier and this server's Origin.
    let r = s.post("/api/decisions", &[("Cookie", &cookie), ("X-Dossier", "1"), ("Origin", &origin)], &merge);
    assert_eq!(r.status, 201, "{}", r.body);
    let d = r.json();
    assert_eq!(d["kind"], "merge");
    assert_eq!(d["made_by"], "web:desk");
    assert!(d["created"].as_str().is_some_and(|t| t.len() >= 10));
    let id = d["id"].as_i64().unwrap();
    // The merged entity's page is the survivor's now, and both list the decision.
    let pb = s.get_with(&format!("/api/entities/{b}"), &bearer).json();
    assert_eq!(pb["id"], a.as_str());
    assert!(pb["merged"].as_array().unwrap().iter().any(|m| m == b.as_str()));
    let listed = s.get_with(&format!("/api/decisions?entity={b}"), &bearer).json();
    assert_eq!(listed["writable"], true);
    assert!(listed["items"].as_array().unwrap().iter().any(|x| x["id"] == id));
    // Merging again is refused; undo works once.
    assert_error(&s.post("/api/decisions", &bearer, &merge), 400, "bad_parameter");
    let u = s.post(&format!("/api/decisions/{id}/undo"), &bearer, "");
    assert_eq!(u.status, 200, "{}", u.body);
    assert_eq!(u.json()["undone_by"], "web:desk");
    assert_error(&s.post(&format!("/api/decisions/{id}/undo"), &bearer, ""), 400, "bad_parameter");
    assert_error(&s.post("/api/decisions/999/undo", &bearer, ""), 404, "not_found");
    assert_error(&s.post("/api/decisions/x/undo", &bearer, ""), 400, "bad_parameter");
    assert_eq!(s.get_with(&format!("/api/entities/{b}"), &bearer).json()["id"], b.as_str());
    // Distinct: then a merge of the two is refused.
    let r = s.post("/api/decisions", &bearer, &format!(r#"{{"kind":"distinct","a":"{a}","b":"{b}"}}"#));
    assert_eq!(r.status, 201, "{}", r.body);
    assert_error(&s.post("/api/decisions", &bearer, &merge), 400, "bad_parameter");
    // Split: one document's mentions of `a` become another entity.
    let hit = s.get_with(&format!("/api/search?entity={a}&limit=1"), &bearer).json();
    let doc = hit["hits"][0]["id"].as_str().unwrap().to_string();
    let r = s.post(
        "/api/decisions",
        &bearer,
        &format!(r#"{{"kind":"split","a":"{a}","mentions":[{{"doc":"{doc}"}}]}}"#),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let split = r.json();
    let new_id = split["b"].as_str().unwrap().to_string();
    assert!(new_id.starts_with(&format!("{a}~")), "{new_id}");
    let moved = s.get_with(&format!("/api/documents/{doc}"), &bearer).json();
    let ents: Vec<&str> =
        moved["mentions"].as_array().unwrap().iter().filter_map(|m| m["entity"]["id"].as_str()).collect();
    assert!(ents.contains(&new_id.as_str()) && !ents.contains(&a.as_str()), "{ents:?}");
    let all = s.get_with("/api/decisions", &bearer).json();
    assert_eq!(all["items"].as_array().unwrap().len(), 3);
    assert!(all["items"].as_array().unwrap().iter().all(|d| d["made_by"] == "web:desk"));
}

#[test]
fn a_message_shows_its_envelope_and_links_parent_and_attachments() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("mail");
    let store = store.to_str().unwrap().to_string();
    let eml = util::fixture("mail/reply.eml");
    let r = util::dossier(&["--store", &store, "ingest", &util::fixture("mail")]);
    assert_eq!(r.code, 1, "bad parts are named and skipped: {}", r.stderr);
    let zip_id = util::json_lines(&util::dossier(&["extract", &util::fixture("mail/leak.zip")]).stdout)[0]
        ["id"]
        .as_str()
        .unwrap()
        .to_string();
    let ids: Vec<String> = util::json_lines(&util::dossier(&["extract", &eml]).stdout)
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    let s = serve(dir, &store, &[]);
    let msg = s.get(&format!("/api/documents/{}", ids[0])).json();
    assert_eq!(msg["format"], "email");
    assert_eq!(msg["cc"][0], "Desk <b> <desk@example.org>", "kept as text; the UI inserts it as text");
    assert_eq!(msg["in_reply_to"], "question-41@example.org");
    assert_eq!(msg["children"][0]["id"], ids[1].as_str());
    assert_eq!(msg["children"][0]["filename"], "memo.html");
    let att = s.get(&format!("/api/documents/{}", ids[1])).json();
    assert_eq!(att["parent"], ids[0].as_str());
    assert_eq!(att["parent_doc"]["title"], "Re: Reservoir figures");
    // `cable.txt` was stored loose before the archive was read: the archive
    // lists it all the same.
    let zip = s.get(&format!("/api/documents/{zip_id}")).json();
    let names: Vec<&str> =
        zip["children"].as_array().unwrap().iter().map(|c| c["filename"].as_str().unwrap()).collect();
    assert_eq!(names, ["cable.txt", "notes/dam.txt"]);
    // The reader page's script shows them (as text nodes: `h()` never parses HTML).
    let js = s.get("/ui/document.js").body;
    for label in ["\"To\"", "\"Cc\"", "\"Subject\"", "Attachments", "Found in"] {
        assert!(js.contains(label), "{label}");
    }
}
