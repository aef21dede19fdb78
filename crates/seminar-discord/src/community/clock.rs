//! Where the scheduler gets the time: the system clock in production, a clock the test sets in
//! tests, so that a week of plan posts runs without sleeping.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use jiff::Timestamp;
use tokio::sync::watch;

/// A boxed future the scheduler awaits.
pub type Wait = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// The time, and a way to wait for a later one.
pub trait Clock: Debug + Send + Sync + 'static {
    /// Now.
    fn now(&self) -> Timestamp;
    /// Completes at `when` or somewhat before (the caller checks the time again).
    fn sleep_until(&self, when: Timestamp) -> Wait;
}

/// The system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

/// Longest single sleep: wall-clock changes (NTP, suspend) are noticed within this.
const MAX_SLEEP: Duration = Duration::from_secs(60);

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }

    fn sleep_until(&self, when: Timestamp) -> Wait {
        let wait = Duration::try_from(when.duration_since(Timestamp::now()))
            .unwrap_or(Duration::ZERO)
            .min(MAX_SLEEP);
        Box::pin(tokio::time::sleep(wait))
    }
}

/// A clock that moves only when told to.
#[derive(Debug)]
pub struct ManualClock {
    now: watch::Sender<Timestamp>,
}

impl ManualClock {
    /// A clock stopped at `now`.
    pub fn new(now: Timestamp) -> ManualClock {
        ManualClock {
            now: watch::Sender::new(now),
        }
    }

    /// Sets the time, waking whatever sleeps until it.
    pub fn set(&self, now: Timestamp) {
        self.now.send_replace(now);
    }

    /// Moves the time forward by `by`.
    pub fn advance(&self, by: jiff::SignedDuration) {
        let now = self.now();
        self.set(now.checked_add(by).unwrap_or(now));
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.now.borrow()
    }

    fn sleep_until(&self, when: Timestamp) -> Wait {
        let mut moved = self.now.subscribe();
        Box::pin(async move {
            // Returns at once if the time is there already; never if the clock is dropped.
            if moved.wait_for(|now| *now >= when).await.is_err() {
                std::future::pending::<()>().await;
            }
        })
    }
}
