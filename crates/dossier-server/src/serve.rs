//! The connection edge: accepting connections, bounding them, timing them
//! out and stopping promptly.
//!
//! - At most [`Limits::max_connections`] connections are open at once
//!   (by default half the process's file-descriptor limit, at most 1,024):
//!   beyond that, new ones wait in the kernel's backlog, so idle sockets can
//!   never exhaust descriptors the stores need.
//! - A request's headers must arrive within [`Limits::header_timeout`]; the
//!   same timer closes a keep-alive connection idle that long between
//!   requests.
//! - A connection on which no byte moves either way for
//!   [`Limits::stall_timeout`] (a body sent byte by byte and then stopped, a
//!   client that never reads its answer) is closed.
//! - On SIGTERM or SIGINT the server stops accepting, lets requests in
//!   flight finish for at most [`Limits::shutdown_grace`], and returns.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tokio::time::{Instant, Sleep};

/// Bounds on connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most connections open at once.
    pub max_connections: usize,
    /// Time a client has to send a request's headers (and most time a
    /// keep-alive connection stays idle between requests).
    pub header_timeout: Duration,
    /// Time a connection may go with no byte read or written.
    pub stall_timeout: Duration,
    /// Time requests in flight are given to finish on shutdown.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: default_max_connections(fd_limit()),
            header_timeout: Duration::from_secs(5),
            stall_timeout: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(3),
        }
    }
}

/// The soft limit on open files of this process (Linux: from
/// `/proc/self/limits`); `None` when unknown.
pub fn fd_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line["Max open files".len()..].split_whitespace().next()?.parse().ok()
}

/// Half the descriptor limit (the stores, the index and the logs need the
/// rest), between 16 and 1,024; 256 when the limit is unknown.
pub fn default_max_connections(fd_limit: Option<u64>) -> usize {
    fd_limit.map_or(256, |n| (n / 2).clamp(16, 1024) as usize)
}

/// Serves `app` on `listener` within `limits` until `shutdown` resolves.
pub async fn serve(listener: TcpListener, app: Router, limits: Limits, shutdown: impl Future<Output = ()>) {
    let max = limits.max_connections.max(1);
    let permits = Arc::new(Semaphore::new(max));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // A free slot first, then a connection: past the cap, clients wait
        // in the backlog and cost this process no descriptor.
        let permit = tokio::select! {
            _ = &mut shutdown => break,
            p = Arc::clone(&permits).acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
        };
        let stream = tokio::select! {
            _ = &mut shutdown => break,
            r = listener.accept() => match r {
                Ok((s, _)) => s,
                Err(_) => {
                    // Out of descriptors or a connection reset before it was
                    // accepted: wait a little rather than spin.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(app.clone());
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let io = TokioIo::new(Watched::new(stream, limits.stall_timeout));
            let mut builder = http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).keep_alive(true);
            let conn = builder.serve_connection(io, service);
            let mut conn = std::pin::pin!(conn);
            let mut stopping = false;
            loop {
                tokio::select! {
                    _ = conn.as_mut() => break,
                    _ = stop.changed(), if !stopping => {
                        stopping = true;
                        conn.as_mut().graceful_shutdown();
                    }
                }
            }
        });
    }
    let _ = stop_tx.send(true);
    // Every slot back means every connection closed.
    let _ = tokio::time::timeout(limits.shutdown_grace, permits.acquire_many(max as u32)).await;
}

/// A stream that fails with `TimedOut` when no byte has moved either way
/// for its timeout while a read or a write waits.
struct Watched<T> {
    inner: T,
    timeout: Duration,
    deadline: Pin<Box<Sleep>>,
}

impl<T> Watched<T> {
    fn new(inner: T, timeout: Duration) -> Self {
        Watched { inner, timeout, deadline: Box::pin(tokio::time::sleep(timeout)) }
    }

    fn moved(&mut self) {
        let at = Instant::now() + self.timeout;
        self.deadline.as_mut().reset(at);
    }

    /// A write's outcome, the deadline moved when bytes went out.
    fn wrote(
        &mut self,
        r: Poll<std::io::Result<usize>>,
        cx: &mut Context<'_>,
    ) -> Poll<std::io::Result<usize>> {
        match r {
            Poll::Ready(r) => {
                if r.as_ref().is_ok_and(|n| *n > 0) {
                    self.moved();
                }
                Poll::Ready(r)
            }
            Poll::Pending => self.waiting(cx),
        }
    }

    /// What a pending read or write becomes: pending, or an error past the
    /// deadline.
    fn waiting<R>(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Result<R>> {
        match self.deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "no data moved on the connection",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Watched<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.inner).poll_read(cx, buf) {
            Poll::Ready(r) => {
                if buf.filled().len() > before {
                    self.moved();
                }
                Poll::Ready(r)
            }
            Poll::Pending => self.waiting(cx),
        }
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Watched<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, data);
        self.wrote(r, cx)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match Pin::new(&mut self.inner).poll_flush(cx) {
            Poll::Pending => self.waiting(cx),
            r => r,
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.wrote(r, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_cap_follows_the_descriptor_limit() {
        assert_eq!(default_max_connections(Some(1024)), 512);
        assert_eq!(default_max_connections(Some(10)), 16);
        assert_eq!(default_max_connections(Some(1 << 20)), 1024);
        assert_eq!(default_max_connections(None), 256);
        if std::path::Path::new("/proc/self/limits").exists() {
            assert!(fd_limit().is_some_and(|n| n > 0));
        }
    }

    /// Reads one byte (0: end of stream).
    async fn read1<T: AsyncRead + Unpin>(w: &mut Watched<T>) -> std::io::Result<usize> {
        let mut byte = [0u8; 1];
        std::future::poll_fn(|cx| {
            let mut buf = ReadBuf::new(&mut byte);
            Pin::new(&mut *w).poll_read(cx, &mut buf).map_ok(|()| buf.filled().len())
        })
        .await
    }

    #[test]
    fn a_stalled_stream_times_out_and_a_moving_one_does_not() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            // A client sending a byte every 100 ms, four times, then silent.
            let client = std::thread::spawn(move || {
                use std::io::Write;
                let mut c = std::net::TcpStream::connect(addr).unwrap();
                for _ in 0..4 {
                    std::thread::sleep(Duration::from_millis(100));
                    c.write_all(b"x").unwrap();
                }
                std::thread::sleep(Duration::from_secs(2));
            });
            let (stream, _) = listener.accept().await.unwrap();
            let mut w = Watched::new(stream, Duration::from_millis(250));
            // Bytes every 100 ms keep it alive past the timeout.
            for _ in 0..4 {
                assert_eq!(read1(&mut w).await.unwrap(), 1);
            }
            // Then silence: the next read fails once the timeout has passed.
            let start = std::time::Instant::now();
            let e = read1(&mut w).await.unwrap_err();
            assert_eq!(e.kind(), std::io::ErrorKind::TimedOut);
            assert!(start.elapsed() >= Duration::from_millis(200), "{:?}", start.elapsed());
            assert!(start.elapsed() < Duration::from_millis(1500), "{:?}", start.elapsed());
            drop(w);
            client.join().unwrap();
        });
    }
}
