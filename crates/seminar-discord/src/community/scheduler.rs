//! The scheduler: posts each active plan's due sections exactly once, across crashes, restarts
//! and any number of processes (each posts only the plans it holds a claim on); catches up after
//! downtime; pauses a plan that Discord refuses, and tells moderators.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use jiff::{SignedDuration, Timestamp};
use tokio::sync::watch;
use tokio::task::JoinHandle;

mod posting;

use crate::community::claims::{ClaimSettings, Claims};
use crate::community::post::short;
use crate::community::schedule::Schedule;
use crate::community::{Community, CommunityError, channel_mention};
use crate::shards::Shards;
use seminar_store::{CatchUp, Place, Plan, PlanStatus, StoreError};

/// The wait after a transient failure, doubled each time up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: SignedDuration = SignedDuration::from_secs(30);
const MAX_BACKOFF: SignedDuration = SignedDuration::from_mins(15);

/// What one pass did for one plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Posted {
        plan: i64,
        occurrence: u64,
        section: u32,
        message: u64,
    },
    /// Discord refused for good; the plan paused itself.
    Paused { plan: i64, reason: String },
    /// A transient failure; tried again after a wait.
    Retrying { plan: i64 },
}

/// A scheduler running in the background.
#[derive(Debug)]
pub struct Running {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Running {
    /// Stops it, waiting up to `within` for a post under way. Cutting one short is safe: its
    /// intent is recorded, and it is finished on the next start.
    pub async fn stop(self, within: std::time::Duration) {
        let _ = self.stop.send(true);
        let abort = self.task.abort_handle();
        if tokio::time::timeout(within, self.task).await.is_err() {
            abort.abort();
            tracing::warn!("stopped with a plan post under way");
        }
    }
}

/// Posts plans when they are due.
#[derive(Debug)]
pub struct Scheduler {
    community: Community,
    /// Plans waiting after a transient failure: until when, and how many failures in a row.
    backoff: Mutex<HashMap<i64, (Timestamp, u32)>>,
    /// Which servers' plans this process posts: processes that split a bot's shards split its
    /// plans the same way.
    shards: Shards,
    /// The plans this process may post, as the database decides among processes.
    claims: Arc<Claims>,
}

impl Scheduler {
    /// A scheduler over the community's store, REST client and clock.
    pub fn new(community: Community) -> Scheduler {
        let claims = Arc::new(Claims::new(
            community.store.clone(),
            ClaimSettings::default(),
        ));
        Scheduler {
            community,
            backoff: Mutex::new(HashMap::new()),
            shards: Shards::One,
            claims,
        }
    }

    /// The same scheduler, claiming plans with these settings.
    pub fn with_claims(mut self, settings: ClaimSettings) -> Scheduler {
        self.claims = Arc::new(Claims::new(self.community.store.clone(), settings));
        self
    }

    /// This scheduler's claims.
    pub fn claims(&self) -> &Claims {
        &self.claims
    }

    /// The same scheduler, posting only the plans of servers on these shards.
    pub fn for_shards(mut self, shards: Shards) -> Scheduler {
        self.shards = shards;
        self
    }

    /// Runs in the background until stopped.
    pub fn spawn(self) -> Running {
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            self.run(async move {
                let _ = stopped.wait_for(|stopped| *stopped).await;
            })
            .await;
        });
        Running { stop, task }
    }

    /// Runs passes until `shutdown` completes: at start (catching up), whenever a plan is due,
    /// whenever a plan changes here, and every poll interval (plans changed by other processes,
    /// claims that expired). Renews its claims meanwhile, and gives them up when it stops.
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
        let heartbeat = tokio::spawn(Arc::clone(&self.claims).heartbeat());
        self.passes(shutdown).await;
        heartbeat.abort();
        let release = self.claims.release();
        if tokio::time::timeout(std::time::Duration::from_secs(1), release)
            .await
            .is_err()
        {
            tracing::warn!("could not release the claims on plans in time");
        }
    }

    async fn passes(&self, shutdown: impl Future<Output = ()>) {
        let poll = self.claims.settings().poll;
        tokio::pin!(shutdown);
        loop {
            match self.run_due().await {
                Ok(_) => {}
                // Logged as an error once, by the store, when it was lost.
                Err(error @ StoreError::Lost(_)) => {
                    tracing::warn!(%error, "the scheduler could not read the plans");
                }
                Err(error) => tracing::error!(%error, "the scheduler could not read the plans"),
            }
            let wake = self.next_wake().await;
            tokio::select! {
                () = &mut shutdown => return,
                () = self.community.plans_changed.notified() => {}
                () = self.community.clock.sleep_until(wake) => {}
                () = tokio::time::sleep(poll) => {}
            }
        }
    }

    /// One pass: every post due now, for every active plan.
    pub async fn run_due(&self) -> Result<Vec<Outcome>, StoreError> {
        let mut outcomes = Vec::new();
        for plan in self.community.store.active_plans().await? {
            if !self.shards.serves(plan.guild) || self.waiting(plan.id) || !self.is_due(&plan) {
                continue;
            }
            // Another process holds it: it posts, or its claim runs out and a later pass takes
            // the plan over.
            if !self.claims.take(plan.id).await? {
                continue;
            }
            match self.run_plan(&plan, &mut outcomes).await {
                Ok(()) => {}
                Err(CommunityError::Store(error)) => return Err(error),
                Err(CommunityError::Rest(error)) => {
                    tracing::warn!(plan = plan.id, %error, "could not finish a plan post");
                }
            }
        }
        Ok(outcomes)
    }

    async fn run_plan(
        &self,
        plan: &Plan,
        outcomes: &mut Vec<Outcome>,
    ) -> Result<(), CommunityError> {
        let store = &self.community.store;
        let Ok(schedule) = Schedule::of(plan) else {
            let reason = "its timetable is unreadable; stop it and start a new one";
            store
                .set_plan_status(plan.id, PlanStatus::Paused, Some(reason))
                .await?;
            return Ok(());
        };
        let now = self.community.clock.now();
        let Some(last_due) = schedule.last_due(now) else {
            return Ok(());
        };
        let mut occurrence = plan.next_occurrence;
        let mut section = plan.next_section;
        let unfinished = store
            .plan_posts(plan.id)
            .await?
            .into_iter()
            .any(|p| !p.posted && p.occurrence == occurrence);
        if plan.catch_up == CatchUp::Latest && !unfinished && occurrence < last_due {
            // One post stands for every missed occurrence.
            occurrence = last_due;
            store.move_plan(plan.id, section, occurrence).await?;
        }
        let last_section = self
            .community
            .engine
            .book_or_default(plan.text.as_deref())
            .text()
            .last_section();
        while occurrence <= last_due && section <= last_section {
            // Checked before each post: a claim lost while this process stalled is not used.
            if occurrence > plan.next_occurrence && !self.claims.take(plan.id).await? {
                return Ok(());
            }
            match self.post(plan, occurrence, section).await? {
                Ok(post) => {
                    let finished = section >= last_section;
                    store
                        .complete_post(&post, section + 1, occurrence + 1, finished)
                        .await?;
                    store
                        .advance_reading_in(Some(plan.guild), Place::Channel(plan.channel), section)
                        .await?;
                    self.backoff
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .remove(&plan.id);
                    outcomes.push(Outcome::Posted {
                        plan: plan.id,
                        occurrence,
                        section,
                        message: post.message.unwrap_or_default(),
                    });
                }
                Err(error) if error.is_refusal() => {
                    let reason = format!(
                        "Discord refused its post to {}: {}",
                        channel_mention(plan.channel),
                        short(&error)
                    );
                    store
                        .set_plan_status(plan.id, PlanStatus::Paused, Some(&reason))
                        .await?;
                    self.tell_moderators(plan, &reason).await;
                    outcomes.push(Outcome::Paused {
                        plan: plan.id,
                        reason,
                    });
                    return Ok(());
                }
                Err(error) => {
                    self.back_off(plan.id, now);
                    tracing::warn!(plan = plan.id, %error, "a plan post failed; will retry");
                    outcomes.push(Outcome::Retrying { plan: plan.id });
                    return Ok(());
                }
            }
            occurrence += 1;
            section += 1;
        }
        Ok(())
    }

    /// Whether `plan` has something to do now: a due occurrence, or a timetable to pause.
    fn is_due(&self, plan: &Plan) -> bool {
        match Schedule::of(plan) {
            Ok(schedule) => schedule
                .last_due(self.community.clock.now())
                .is_some_and(|last| last >= plan.next_occurrence),
            Err(_) => true,
        }
    }

    fn waiting(&self, plan: i64) -> bool {
        let now = self.community.clock.now();
        let backoff = self.backoff.lock().unwrap_or_else(|e| e.into_inner());
        backoff.get(&plan).is_some_and(|(until, _)| now < *until)
    }

    fn back_off(&self, plan: i64, now: Timestamp) {
        let mut backoff = self.backoff.lock().unwrap_or_else(|e| e.into_inner());
        let failures = backoff.get(&plan).map_or(0, |(_, n)| *n) + 1;
        let wait = FIRST_BACKOFF
            .checked_mul(1 << failures.min(8).saturating_sub(1))
            .unwrap_or(MAX_BACKOFF)
            .min(MAX_BACKOFF);
        backoff.insert(plan, (now.checked_add(wait).unwrap_or(now), failures));
    }

    /// When the next pass should run: the earliest due post or retry (at most an hour away).
    async fn next_wake(&self) -> Timestamp {
        let now = self.community.clock.now();
        let mut wake = now
            .checked_add(SignedDuration::from_hours(1))
            .unwrap_or(now);
        let plans = self
            .community
            .store
            .active_plans()
            .await
            .unwrap_or_default();
        for plan in plans.iter().filter(|p| self.shards.serves(p.guild)) {
            if let Ok(schedule) = Schedule::of(plan) {
                wake = wake.min(schedule.due(plan.next_occurrence));
            }
        }
        let backoff = self.backoff.lock().unwrap_or_else(|e| e.into_inner());
        for (until, _) in backoff.values() {
            wake = wake.min(*until);
        }
        wake
    }
}
