//! Interactions being answered right now, counted so that shutdown can wait for them: shared by
//! the gateway bot and the HTTP endpoint.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Notify;

/// Interactions being answered right now.
#[derive(Debug, Default)]
pub struct InFlight {
    count: AtomicUsize,
    idle: Notify,
}

/// Marks one interaction in flight until dropped.
pub struct Answering<'a>(&'a InFlight);

impl InFlight {
    /// Counts one more interaction in flight.
    pub fn enter(&self) -> Answering<'_> {
        self.count.fetch_add(1, Ordering::SeqCst);
        Answering(self)
    }

    /// Waits until none is in flight, or `limit` has passed; returns how many were left.
    pub async fn drain(&self, limit: Duration) -> usize {
        let idle = async {
            loop {
                let notified = self.idle.notified();
                if self.count.load(Ordering::SeqCst) == 0 {
                    return;
                }
                notified.await;
            }
        };
        let _ = tokio::time::timeout(limit, idle).await;
        self.count.load(Ordering::SeqCst)
    }
}

impl Drop for Answering<'_> {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}
