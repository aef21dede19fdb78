//! The endpoint's connections: hyper's HTTP/1 with a header read timeout and a bounded read
//! buffer, an idle timeout, a cap that closes the oldest idle connection to make room, a pause
//! when file descriptors run out, and a shutdown that gives connections at most `DRAIN`.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tokio::time::Instant;
use tower::ServiceExt;

use super::DRAIN;
use super::limits::{
    ACCEPT_BACKOFF, EdgeLimits, MAX_HEADER_BYTES, descriptor_limit, is_resource_exhaustion,
};

/// One open connection as the cap sees it.
#[derive(Default)]
struct Tracked {
    /// Its requests being handled now; zero is idle (waiting for, or still reading, a request).
    busy: watch::Sender<usize>,
    /// Told to close at once, to make room.
    evict: Notify,
}

/// The open connections, oldest first.
#[derive(Default)]
struct Open {
    next: u64,
    connections: BTreeMap<u64, Arc<Tracked>>,
}

#[derive(Default, Clone)]
struct Registry(Arc<Mutex<Open>>);

impl Registry {
    fn open(&self) -> MutexGuard<'_, Open> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Registers a new connection if there is room under `cap`, closing the oldest idle one when
    /// there is not; `None` when every connection is busy.
    fn admit(&self, cap: usize) -> Option<(u64, Arc<Tracked>)> {
        let mut open = self.open();
        if open.connections.len() >= cap && !evict_oldest_idle(&mut open) {
            return None;
        }
        let id = open.next;
        open.next += 1;
        let tracked = Arc::new(Tracked::default());
        open.connections.insert(id, Arc::clone(&tracked));
        Some((id, tracked))
    }

    fn evict_oldest_idle(&self) -> bool {
        evict_oldest_idle(&mut self.open())
    }

    fn len(&self) -> usize {
        self.open().connections.len()
    }
}

fn evict_oldest_idle(open: &mut Open) -> bool {
    let oldest_idle = open
        .connections
        .iter()
        .find(|(_, tracked)| *tracked.busy.borrow() == 0)
        .map(|(&id, _)| id);
    let Some(tracked) = oldest_idle.and_then(|id| open.connections.remove(&id)) else {
        return false;
    };
    tracked.evict.notify_one();
    true
}

/// Forgets a connection when its task ends, however it ends.
struct Registered {
    registry: Registry,
    id: u64,
}

impl Drop for Registered {
    fn drop(&mut self) {
        self.registry.open().connections.remove(&self.id);
    }
}

/// Marks a connection busy while one of its requests is handled.
struct Busy(Arc<Tracked>);

impl Busy {
    fn enter(tracked: &Arc<Tracked>) -> Busy {
        tracked.busy.send_modify(|n| *n += 1);
        Busy(Arc::clone(tracked))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.busy.send_modify(|n| *n -= 1);
    }
}

/// Accepts connections and serves `app` on them until `shutdown` completes; then stops
/// accepting, closes idle connections, lets requests under way finish until the drain's
/// deadline, and closes whatever is left. Returns that deadline: what comes after shares it.
pub(super) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: &EdgeLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Instant {
    let cap = limits.connection_cap(descriptor_limit());
    tracing::debug!(cap, "connection cap");
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_buf_size(MAX_HEADER_BYTES);
    let registry = Registry::default();
    let (stop, stopping) = watch::channel(false);
    let mut tasks = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        while tasks.try_join_next().is_some() {}
        let accepted = tokio::select! {
            biased;
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        match accepted {
            Ok((stream, _)) => match registry.admit(cap) {
                Some((id, tracked)) => {
                    let connection = Connection {
                        registered: Registered {
                            registry: registry.clone(),
                            id,
                        },
                        tracked,
                        app: app.clone(),
                        http: http.clone(),
                        idle_timeout: limits.idle_timeout,
                        stopping: stopping.clone(),
                    };
                    tasks.spawn(connection.run(stream));
                }
                None => tracing::warn!(cap, "every connection is busy; refused a new one"),
            },
            Err(error) if is_resource_exhaustion(&error) => {
                let open = registry.len();
                tracing::warn!(%error, open, "out of file descriptors; pausing accepts");
                registry.evict_oldest_idle();
                tokio::select! {
                    () = &mut shutdown => break,
                    () = tokio::time::sleep(ACCEPT_BACKOFF) => {}
                }
            }
            Err(error) => tracing::debug!(%error, "accept failed"),
        }
    }
    drop(listener);
    let deadline = Instant::now() + DRAIN;
    let _ = stop.send(true);
    let drained = tokio::time::timeout_at(deadline, async {
        while tasks.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            left = tasks.len(),
            "closed connections still open when the drain ended"
        );
        tasks.shutdown().await;
    }
    deadline
}

/// One accepted connection and what it needs.
struct Connection {
    registered: Registered,
    tracked: Arc<Tracked>,
    app: Router,
    http: http1::Builder,
    idle_timeout: Duration,
    stopping: watch::Receiver<bool>,
}

impl Connection {
    async fn run(mut self, stream: TcpStream) {
        let _ = stream.set_nodelay(true);
        let (app, tracked) = (self.app.clone(), Arc::clone(&self.tracked));
        let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            let busy = Busy::enter(&tracked);
            let app = app.clone();
            async move {
                let response = app.oneshot(request.map(axum::body::Body::new)).await;
                drop(busy);
                response
            }
        });
        let connection = self.http.serve_connection(TokioIo::new(stream), service);
        tokio::pin!(connection);
        let idle = idle_for(&self.tracked.busy, self.idle_timeout);
        tokio::pin!(idle);
        let mut closing = false;
        loop {
            tokio::select! {
                served = connection.as_mut() => {
                    if let Err(error) = served {
                        tracing::debug!(%error, "connection closed");
                    }
                    break;
                }
                () = self.tracked.evict.notified() => {
                    tracing::debug!("closed the oldest idle connection to make room");
                    break;
                }
                // hyper closes an idle connection at once and lets one mid-request finish.
                () = &mut idle, if !closing => {
                    closing = true;
                    connection.as_mut().graceful_shutdown();
                }
                _ = self.stopping.wait_for(|stop| *stop), if !closing => {
                    closing = true;
                    connection.as_mut().graceful_shutdown();
                }
            }
        }
        drop(self.registered);
    }
}

/// Completes once the connection has had no request in hand for `timeout` at a stretch.
async fn idle_for(busy: &watch::Sender<usize>, timeout: Duration) {
    let mut watching = busy.subscribe();
    loop {
        let _ = watching.wait_for(|n| *n == 0).await;
        let woken = tokio::time::timeout(timeout, watching.wait_for(|n| *n > 0)).await;
        if woken.is_err() {
            return;
        }
    }
}
