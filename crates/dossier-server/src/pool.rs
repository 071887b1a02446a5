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

use dossier_store::{Store, StoreError};
use tokio::sync::Semaphore;

use crate::ApiError;

/// How long a request waits for a free store before it is answered 503.
const WAIT: Duration = Duration::from_secs(30);

/// Open stores lent to one query at a time.
pub struct StorePool {
    stores: Mutex<Vec<Store>>,
    permits: Arc<Semaphore>,
    size: usize,
}

impl StorePool {
    /// Opens `size` (at least one) read-only stores on `dir`; fails when
    /// `dir` holds no store or one at another schema version.
    pub fn open(dir: &Path, size: usize) -> Result<StorePool, StoreError> {
        let size = size.max(1);
        let stores = (0..size).map(|_| Store::open_read_only(dir)).collect::<Result<Vec<_>, _>>()?;
        Ok(StorePool { stores: Mutex::new(stores), permits: Arc::new(Semaphore::new(size)), size })
    }

    /// How many stores are open.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Runs `f` with a store on a blocking thread.
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
        let task = tokio::task::spawn_blocking(move || {
            // The permit travels with the task: a client that hangs up does
            // not free it before the store is back.
            let _permit = permit;
            let store = pool.stores.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let Some(store) = store else {
                return Err(ApiError::internal("no store available"));
            };
            let out = std::panic::catch_unwind(AssertUnwindSafe(|| store.in_read_transaction(f)));
            pool.stores.lock().unwrap_or_else(|e| e.into_inner()).push(store);
            out.unwrap_or_else(|_| Err(ApiError::internal("the query failed unexpectedly")))
        });
        task.await.unwrap_or_else(|_| Err(ApiError::internal("the query failed unexpectedly")))
    }
}
