//! A pool of open read-only stores. A [`Store`] owns one SQLite connection
//! (opened read-only) and one tantivy reader, and is used by one thread at
//! a time, so the server keeps several open and lends one to each query;
//! the pool's lock is held only to take or give back a store, never during
//! a query. Queries block (SQLite, tantivy), so they run on tokio's
//! blocking threads; a semaphore bounds how many run at once to the pool's
//! size, and a request that waits too long for a store gets a 503 rather than
//! piling up. A query that panics is caught: the client gets a JSON 500 and
//! the store goes back to the pool. Each query runs in one read transaction
//! (one snapshot, SQLite's locks taken once).

use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dossier_store::{InterruptHandle, Store, StoreError};
use tokio::sync::Semaphore;

use crate::ApiError;

/// How long a request waits for a free store before it is answered 503.
const WAIT: Duration = Duration::from_secs(30);

/// Longest a query runs by default before its client gets a 503 and its
/// SQLite statement is interrupted.
pub const QUERY_BUDGET: Duration = Duration::from_secs(10);

/// Open stores lent to one query at a time.
pub struct StorePool {
    stores: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
    size: usize,
    budget: Duration,
}

impl StorePool {
    /// Opens `size` (at least one) read-only stores on `dir`; fails when
    /// `dir` holds no store or one at another schema version.
    pub fn open(dir: &Path, size: usize) -> Result<StorePool, StoreError> {
        let size = size.max(1);
        let stores = (0..size).map(|_| Store::open_read_only(dir)).collect::<Result<Vec<_>, _>>()?;
        Ok(StorePool {
            stores: Mutex::new(stores),
            permits: Arc::new(Semaphore::new(size)),
            size,
            budget: QUERY_BUDGET,
        })
    }

    /// The same pool with another time budget per query.
    pub fn with_budget(mut self, budget: Duration) -> StorePool {
        self.budget = budget;
        self
    }

    /// How many stores are open.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Runs `f` with a store on a blocking thread, within the pool's time
    /// budget: past it the client gets a 503 at once and the query's
    /// SQLite statement is interrupted, so the store comes back to the pool
    /// (a query busy in the full-text index finishes its pass first).
    pub async fn run<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let permit = match tokio::time::timeout(WAIT, self.permits.clone().acquire_owned()).await {
            Ok(Ok(p)) => p,
            _ => return Err(ApiError::busy()),
        };
        let pool = Arc::clone(self);
        // The running query's interrupt handle, there only while it runs.
        let running: Arc<Mutex<Option<InterruptHandle>>> = Arc::default();
        let slot = Arc::clone(&running);
        let task = tokio::task::spawn_blocking(move || {
            // The permit travels with the task: a client that hangs up does
            // not free it before the store is back.
            let _permit = permit;
            let store = pool.stores.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let Some(store) = store else {
                return Err(ApiError::internal("no store available"));
            };
            *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(store.interrupt_handle());
            let out = std::panic::catch_unwind(AssertUnwindSafe(|| store.in_read_transaction(f)));
            // Taken before the store goes back, so a late interrupt never
            // reaches the next query on this store.
            slot.lock().unwrap_or_else(|e| e.into_inner()).take();
            pool.stores.lock().unwrap_or_else(|e| e.into_inner()).push(store);
            out.unwrap_or_else(|_| Err(ApiError::internal("the query failed unexpectedly")))
        });
        match tokio::time::timeout(self.budget, task).await {
            Ok(r) => r.unwrap_or_else(|_| Err(ApiError::internal("the query failed unexpectedly"))),
            Err(_) => {
                if let Some(h) = running.lock().unwrap_or_else(|e| e.into_inner()).take() {
                    h.interrupt();
                }
                Err(ApiError::too_slow(self.budget))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_past_its_budget_answers_503_and_its_store_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::create(dir.path()).unwrap());
        let pool = Arc::new(StorePool::open(dir.path(), 1).unwrap().with_budget(Duration::from_millis(200)));
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let start = std::time::Instant::now();
            let slow = pool
                .run(|_| {
                    std::thread::sleep(Duration::from_millis(800));
                    Ok(())
                })
                .await
                .unwrap_err();
            assert_eq!(slow.status, axum::http::StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(slow.code, "query_too_slow");
            assert!(start.elapsed() < Duration::from_millis(700), "{:?}", start.elapsed());
            // The one store is lent again once the slow query has ended.
            let ok = pool.run(|s| Ok(s.stats().is_ok())).await.unwrap();
            assert!(ok);
        });
    }
}
