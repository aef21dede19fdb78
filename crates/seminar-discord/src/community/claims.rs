//! This process's claims on plans: every process may run the scheduler, and the database decides
//! which one posts each plan. A claim is a lease this process renews while it lives; when it dies
//! (even SIGKILLed), its lease runs out and another process takes the plan over.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use seminar_store::{Store, StoreError};

/// How long claims last and how often the scheduler looks at the plans without being told to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimSettings {
    /// A claim not renewed for this long is free: a dead process's plans are taken over after
    /// at most this plus `poll`. It is renewed every third of it.
    pub lease: Duration,
    /// How often the scheduler reads the plans again, to see plans other processes started or
    /// claims that expired.
    pub poll: Duration,
    /// Who this process is in the claims table; `None`: `host:pid`.
    pub holder: Option<String>,
}

impl Default for ClaimSettings {
    fn default() -> Self {
        ClaimSettings {
            lease: Duration::from_secs(20),
            poll: Duration::from_secs(5),
            holder: None,
        }
    }
}

/// The claims this process holds, and how it takes and renews them.
#[derive(Debug)]
pub struct Claims {
    store: Store,
    holder: String,
    settings: ClaimSettings,
    /// Plans this process believes it holds, to log a claim when it is taken or lost.
    held: Mutex<HashSet<i64>>,
}

impl Claims {
    /// Claims in `store` as this process, `host:pid` unless the settings name it: a process
    /// restarted with the same identity picks its claims up again at once.
    pub fn new(store: Store, settings: ClaimSettings) -> Claims {
        let holder = settings.holder.clone().unwrap_or_else(|| {
            let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
                .ok()
                .or_else(|| std::env::var("HOSTNAME").ok())
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
                .unwrap_or_else(|| "host".to_string());
            format!("{host}:{}", std::process::id())
        });
        Claims {
            store,
            holder,
            settings,
            held: Mutex::new(HashSet::new()),
        }
    }

    /// Who this process is in the claims table.
    pub fn holder(&self) -> &str {
        &self.holder
    }

    /// The settings.
    pub fn settings(&self) -> &ClaimSettings {
        &self.settings
    }

    /// Takes (or renews) the claim on `plan`; whether this process may post it now.
    pub async fn take(&self, plan: i64) -> Result<bool, StoreError> {
        let now = now_ms();
        let was_held = self.lock().contains(&plan);
        let previous = if was_held {
            None
        } else {
            self.store
                .claims()
                .await?
                .into_iter()
                .find(|c| c.plan == plan)
        };
        let taken = self
            .store
            .claim_plan(plan, &self.holder, now, now + millis(self.settings.lease))
            .await?;
        match (was_held, taken) {
            (false, true) => {
                self.lock().insert(plan);
                match previous.filter(|c| c.holder != self.holder) {
                    Some(from) => tracing::info!(
                        plan,
                        holder = %self.holder,
                        from = %from.holder,
                        expired_ms_ago = now - from.expires_at,
                        "took over a plan whose claim expired"
                    ),
                    None => tracing::info!(plan, holder = %self.holder, "claimed a plan"),
                }
            }
            (true, false) => {
                self.lock().remove(&plan);
                tracing::warn!(plan, holder = %self.holder, "lost the claim on a plan to another process");
            }
            (false, false) => {
                tracing::debug!(plan, holder = %self.holder, "another process holds the plan");
            }
            (true, true) => {}
        }
        Ok(taken)
    }

    /// Renews every claim held, every third of a lease, until dropped.
    pub async fn heartbeat(self: Arc<Claims>) {
        let every = self.settings.lease / 3;
        loop {
            tokio::time::sleep(every).await;
            if self.lock().is_empty() {
                continue;
            }
            let until = now_ms() + millis(self.settings.lease);
            if let Err(error) = self.store.renew_claims(&self.holder, until).await {
                tracing::warn!(%error, "could not renew the claims on plans");
            }
        }
    }

    /// Gives up every claim (a clean stop), so other processes take them at once.
    pub async fn release(&self) {
        if self.lock().is_empty() {
            return;
        }
        match self.store.release_claims(&self.holder).await {
            Ok(()) => {
                self.lock().clear();
                tracing::info!(holder = %self.holder, "released the claims on plans");
            }
            Err(error) => tracing::warn!(%error, "could not release the claims on plans"),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<i64>> {
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The wall clock in Unix milliseconds: leases are measured in real time whatever clock the
/// plans go by.
fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}
