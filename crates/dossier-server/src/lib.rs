//! The dossier server: a read-only JSON API over a dossier store and the
//! web UI an analyst works in, both served by one binary, offline.
//!
//! The crate holds no business logic: every answer comes from a query of
//! [`dossier_store::Store`], whose result structs are serialised as they are
//! (they are the API's DTOs). What lives here is the HTTP edge:
//!
//! - [`api`]: one handler per endpoint, parameter checking (a bad parameter
//!   is a 400 with a JSON body, an unknown id a 404), pagination and limits;
//! - [`pool`]: a pool of read-only stores (one SQLite connection and one
//!   kept tantivy reader each), sized to the cores, so that queries
//!   (blocking SQLite and tantivy calls) run on tokio's blocking threads,
//!   several at once, without ever blocking the async workers;
//! - [`security`]: the token check (bearer header or session cookie) on
//!   every request, and the headers every response carries (a Content-Security-Policy that forbids inline scripts and
//!   outside origins);
//! - [`assets`]: the UI (HTML, CSS, ES modules) embedded in the binary with
//!   `include_str!`, so nothing is fetched from a CDN;
//! - `openapi.json`: the OpenAPI 3 document, served at `/api/openapi.json`.
//!
//! ```no_run
//! # async fn run() -> Result<(), dossier_server::ServerError> {
//! let config = dossier_server::Config::new("dossier-store".into(), "127.0.0.1:8080".parse().unwrap());
//! let server = dossier_server::Server::bind(config).await?;
//! println!("listening on http://{}", server.local_addr());
//! server.run().await
//! # }
//! ```

pub mod api;
pub mod assets;
pub mod decide;
pub mod error;
pub mod pool;
pub mod security;
pub mod serve;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;

pub use error::{ApiError, ServerError};
pub use pool::StorePool;

/// The OpenAPI 3 document of the API.
pub const OPENAPI: &str = include_str!("openapi.json");

/// What the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store folder.
    pub store: PathBuf,
    /// Address to listen on (`127.0.0.1:8080` by default in the CLI).
    pub addr: SocketAddr,
    /// When set, every API request must carry `Authorization: Bearer <token>`.
    pub token: Option<String>,
    /// How many stores are kept open (and so how many queries run at once).
    pub pool_size: usize,
    /// Longest a query may run: past it the client gets a 503 and the
    /// query's SQLite statement is interrupted.
    pub query_budget: std::time::Duration,
    /// Bounds on connections (count, timeouts, shutdown grace).
    pub limits: serve::Limits,
    /// Who corrections made with the token are recorded as (`web:LABEL`).
    pub token_label: String,
}

impl Config {
    /// A configuration with no token and a pool sized to the machine's
    /// cores (queries are CPU-bound over a memory-mapped store: more
    /// connections than cores only queue inside the kernel instead).
    pub fn new(store: PathBuf, addr: SocketAddr) -> Config {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Config {
            store,
            addr,
            token: None,
            pool_size: cores.clamp(2, 16),
            query_budget: pool::QUERY_BUDGET,
            limits: serve::Limits::default(),
            token_label: "token".into(),
        }
    }

    /// Whether the server may be reached from other machines without a
    /// token (the CLI prints a warning then).
    pub fn exposed_without_token(&self) -> bool {
        !self.addr.ip().is_loopback() && self.token.is_none()
    }
}

/// Shared state of the handlers.
#[derive(Clone)]
pub struct AppState {
    /// The open stores.
    pub pool: Arc<StorePool>,
    /// The bearer token, when one is required.
    pub token: Option<Arc<str>>,
    /// The value of the session cookie a browser gets for the token
    /// (random, made at start: it reveals nothing of the token and dies
    /// with the process).
    pub session: Arc<str>,
    /// Whether the server listens on loopback only (requests must then
    /// name a loopback host).
    pub loopback_only: bool,
    /// One whole-corpus query (the full graph) at a time, so that slow
    /// ones never take more than one store of the pool.
    pub heavy: Arc<tokio::sync::Semaphore>,
    /// The last `/api/stats` answer, with the store generation and `top`
    /// it was computed for.
    pub stats_cache: Arc<std::sync::Mutex<Option<StatsAnswer>>>,
    /// The analyst's corrections: where and as whom they are written.
    pub writes: Arc<decide::Writes>,
}

/// A cached `/api/stats` answer: store generation, `top`, body.
pub type StatsAnswer = ((i64, i64, i64), usize, serde_json::Value);

/// The router: API, UI and the security layers around both.
pub fn router(state: AppState) -> Router {
    let api = api::routes();
    Router::new()
        .merge(api)
        .merge(decide::routes())
        .merge(assets::routes())
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::check_token))
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(state)
}

/// A bound, not yet running, server.
pub struct Server {
    listener: tokio::net::TcpListener,
    app: Router,
    addr: SocketAddr,
    limits: serve::Limits,
}

impl Server {
    /// Opens the store pool and binds the address (port 0 picks a free
    /// port; [`Server::local_addr`] tells which).
    pub async fn bind(config: Config) -> Result<Server, ServerError> {
        // One writable open migrates an older store and catches the index
        // up; the pool's connections are read-only.
        drop(dossier_store::Store::open(&config.store).and_then(|s| s.catch_up_index().map(|_| s))?);
        let pool = StorePool::open(&config.store, config.pool_size)?.with_budget(config.query_budget);
        let state = AppState {
            pool: Arc::new(pool),
            token: config.token.as_deref().map(Arc::from),
            session: Arc::from(security::new_session_id()),
            loopback_only: config.addr.ip().is_loopback(),
            heavy: Arc::new(tokio::sync::Semaphore::new(1)),
            stats_cache: Arc::default(),
            writes: Arc::new(decide::Writes::new(config.store.clone(), &config.token_label)),
        };
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|e| ServerError::Bind { addr: config.addr, source: e })?;
        let addr = listener.local_addr().map_err(|e| ServerError::Bind { addr: config.addr, source: e })?;
        Ok(Server { listener, app: router(state), addr, limits: config.limits })
    }

    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until Ctrl-C (or SIGTERM on Unix); requests in flight then
    /// get [`serve::Limits::shutdown_grace`] to finish.
    pub async fn run(self) -> Result<(), ServerError> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` resolves.
    pub async fn run_until(self, stop: impl std::future::Future<Output = ()>) -> Result<(), ServerError> {
        serve::serve(self.listener, self.app, self.limits, stop).await;
        Ok(())
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Runs a server on a new multi-threaded tokio runtime until it is stopped;
/// `on_bound` is told the address once the socket is bound (the CLI prints
/// it). This is the one entry point a synchronous caller needs.
pub fn run_blocking(config: Config, on_bound: impl FnOnce(SocketAddr)) -> Result<(), ServerError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(config.pool_size.max(2) * 2)
        .build()
        .map_err(ServerError::Runtime)?;
    let out = rt.block_on(async move {
        let server = Server::bind(config).await?;
        on_bound(server.local_addr());
        server.run().await
    });
    // A query still running past the grace (it was interrupted, or is
    // finishing in the index) does not hold the process.
    rt.shutdown_timeout(std::time::Duration::from_millis(200));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_non_loopback_addresses_without_a_token_are_exposed() {
        let c = |addr: &str, token: Option<&str>| {
            let mut c = Config::new("s".into(), addr.parse().unwrap());
            c.token = token.map(str::to_string);
            c.exposed_without_token()
        };
        assert!(!c("127.0.0.1:8080", None));
        assert!(!c("[::1]:8080", None));
        assert!(c("0.0.0.0:8080", None));
        assert!(c("[::]:8080", None));
        assert!(!c("0.0.0.0:8080", Some("t")));
    }
}
