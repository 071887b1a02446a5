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
  const url = "/api/" + path + (q.toString() ? "?" + q : "");
  const headers = { Accept: "application/json" };
  const token = sessionStorage.getItem(KEY);
  if (token) headers.Authorization = "Bearer " + token;
  const r = await fetch(url, { headers, credentials: "same-origin" });
  let body = null;
  try {
    body = await r.json();
  } catch (_) {
    body = null;
  }
  if (!r.ok) {
    if (r.status === 401 && askToken) askToken();
    const msg = body && body.error ? body.error.message : "HTTP " + r.status;
    throw new ApiError(r.status, msg);
  }
  return body;
}
