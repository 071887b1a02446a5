// The API client: fetch with the session cookie the server set when the UI
// was opened with ?token= (HttpOnly: this code never sees it), or a bearer
// token typed into the form when the session is gone (kept in
// sessionStorage), and JSON errors turned into exceptions.

const KEY = "dossier-token";

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let askToken = null;

/** Sets the function called when the server answers 401. */
export function onUnauthorized(f) {
  askToken = f;
}

/** Saves the token for this tab. */
export function setToken(t) {
  if (t) sessionStorage.setItem(KEY, t);
  else sessionStorage.removeItem(KEY);
}

/** GET /api/<path> with query parameters; resolves to the JSON body. */
export async function get(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  }
  return call("GET", "/api/" + path + (q.toString() ? "?" + q : ""));
}

/**
 * POST /api/<path> with a JSON body (a correction). The X-Dossier header
 * tells the server the request comes from this UI: no other site can send
 * it along with the session cookie.
 */
export async function post(path, body) {
  return call("POST", "/api/" + path, JSON.stringify(body || {}));
}

async function call(method, url, body) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") {
    headers["Content-Type"] = "application/json";
    headers["X-Dossier"] = "1";
  }
  const token = sessionStorage.getItem(KEY);
  if (token) headers.Authorization = "Bearer " + token;
  const r = await fetch(url, { method, headers, body, credentials: "same-origin" });
  let answer = null;
  try {
    answer = await r.json();
  } catch (_) {
    answer = null;
  }
  if (!r.ok) {
    if (r.status === 401 && askToken) askToken();
    const msg = answer && answer.error ? answer.error.message : "HTTP " + r.status;
    throw new ApiError(r.status, msg);
  }
  return answer;
}

let minConfidence = null;

/**
 * The confidence below which an attribution is "less certain" (the store's
 * measured threshold, from /api/stats), fetched once.
 */
export async function speakerMinConfidence() {
  if (minConfidence === null) {
    const r = await get("stats", { top: 0 });
    minConfidence = typeof r.speaker_min_confidence === "number" ? r.speaker_min_confidence : 0;
  }
  return minConfidence;
}
