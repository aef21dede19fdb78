//! The scheduler: posts each active plan's due sections exactly once, across crashes and
//! restarts; catches up after downtime; pauses a plan that Discord refuses, and tells moderators.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;

use jiff::{SignedDuration, Timestamp};
use serde_json::Value;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::community::post::{Layout, Published, Target, id_of, open_thread, publish, short};
use crate::community::schedule::Schedule;
use crate::community::{Community, CommunityError, channel_mention};
use crate::rest::RestError;
use crate::shards::Shards;
use seminar_core::engine::{Context, Reply, discussion};
use seminar_core::render::discord;
use seminar_store::{CatchUp, Place, Plan, PlanPost, PlanStatus, StoreError};

/// How long Discord honours a message nonce; an intent older than this is looked for in the
/// channel before it is posted again.
const NONCE_WINDOW: SignedDuration = SignedDuration::from_mins(2);
/// The wait after a transient failure, doubled each time up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: SignedDuration = SignedDuration::from_secs(30);
const MAX_BACKOFF: SignedDuration = SignedDuration::from_mins(15);
/// Discord's epoch (2015-01-01) in Unix milliseconds.
const DISCORD_EPOCH_MS: i64 = 1_420_070_400_000;

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
}

impl Scheduler {
    /// A scheduler over the community's store, REST client and clock.
    pub fn new(community: Community) -> Scheduler {
        Scheduler {
            community,
            backoff: Mutex::new(HashMap::new()),
            shards: Shards::One,
        }
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
    /// and whenever a plan changes.
    pub async fn run(&self, shutdown: impl Future<Output = ()>) {
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
            }
        }
    }

    /// One pass: every post due now, for every active plan.
    pub async fn run_due(&self) -> Result<Vec<Outcome>, StoreError> {
        let mut outcomes = Vec::new();
        for plan in self.community.store.active_plans().await? {
            if !self.shards.serves(plan.guild) || self.waiting(plan.id) {
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
            match self.post(plan, occurrence, section).await? {
                Ok(post) => {
                    let finished = section >= last_section;
                    store
                        .complete_post(&post, section + 1, occurrence + 1, finished)
                        .await?;
                    store
                        .advance_reading(Place::Channel(plan.channel), section)
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

    /// Makes (or finishes) the post of `occurrence`: the intent is recorded first; a post whose
    /// intent was left by a crash goes out with the same nonce, or is found in the channel.
    async fn post(
        &self,
        plan: &Plan,
        occurrence: u64,
        section: u32,
    ) -> Result<Result<PlanPost, RestError>, CommunityError> {
        let community = &self.community;
        let now = community.clock.now();
        let nonce = format!("plan{}-{}", plan.id, occurrence);
        let (mut intent, fresh) = community
            .store
            .intend_post(plan.id, occurrence, section, &nonce, now.as_second())
            .await?;
        let book = community.engine.book_or_default(plan.text.as_deref());
        let Some(found) = book.text().section(intent.section) else {
            return Ok(Err(RestError::Body {
                route: "plan".into(),
                detail: format!("§{} no longer exists", intent.section),
            }));
        };
        let mut context = community
            .context(Some(plan.guild), plan.channel, None, true)
            .await?;
        context = Context {
            seed: occurrence ^ (plan.id as u64).rotate_left(32),
            ..context
        };
        let built = discussion::build(&book, found, &context, 1);
        let mut opening = discussion::single(&built);
        let marker = marker(plan.id, occurrence);
        opening.footer = Some(match opening.footer.take() {
            Some(footer) => format!("{footer} · {marker}"),
            None => marker.clone(),
        });
        let target =
            Target::of(plan.channel, plan.channel_kind).unwrap_or(Target::Text(plan.channel));
        let settings = community.store.settings(plan.guild).await?;
        let layout = Layout {
            opening,
            prompts: None,
            thread: (plan.threads || matches!(target, Target::Forum(_)))
                .then(|| built.thread_name.clone()),
            archive_minutes: settings.archive_minutes,
            nonce: Some(nonce),
        };
        // A retry after a crash: Discord may have the post already. A message nonce covers a
        // few minutes; a forum post has none, so it is always looked for.
        let retry = !fresh;
        let old = Timestamp::from_second(intent.intended_at)
            .is_ok_and(|t| now.duration_since(t) > NONCE_WINDOW);
        let recovered = match (retry, old, target) {
            (true, true, Target::Text(channel) | Target::Thread(channel)) => {
                self.find_posted(channel, &marker).await
            }
            (true, _, Target::Forum(forum)) => {
                self.find_forum_post(plan.guild, forum, &built.thread_name, &marker)
                    .await
            }
            _ => None,
        };
        let published = match recovered {
            Some(message) => {
                tracing::info!(
                    plan = plan.id,
                    occurrence,
                    message,
                    "found a post made before a crash"
                );
                let mut published = Published {
                    message,
                    // A forum post is its thread.
                    thread: matches!(target, Target::Forum(_)).then_some(message),
                    ..Published::default()
                };
                if let (Target::Text(channel), Some(name)) = (target, &layout.thread) {
                    let archive = layout.archive_minutes;
                    match open_thread(&community.rest, channel, message, name, archive).await {
                        Ok(thread) => published.thread = Some(thread),
                        Err(problem) => published.problems.push(problem),
                    }
                }
                published
            }
            None => match publish(&community.rest, target, &layout).await {
                Ok(published) => published,
                Err(error) => return Ok(Err(error)),
            },
        };
        for problem in &published.problems {
            tracing::warn!(plan = plan.id, occurrence, %problem, "a plan post is incomplete");
        }
        let tick = snowflake_at(now);
        community
            .record_prompts(plan.guild, &built.prompt_ids, tick)
            .await?;
        intent.message = Some(published.message);
        intent.thread = published.thread;
        intent.posted = true;
        Ok(Ok(intent))
    }

    /// A message of this plan's post among the channel's latest, if any. The marker in its
    /// footer names the plan and the post, so nothing else can match.
    async fn find_posted(&self, channel: u64, marker: &str) -> Option<u64> {
        let messages = self
            .community
            .rest
            .recent_messages(channel, 100)
            .await
            .ok()?;
        messages.as_array()?.iter().find_map(|message: &Value| {
            let footer = discord::footer_of(message)?;
            footer.ends_with(marker).then(|| id_of(message)).flatten()
        })
    }

    /// The forum post (thread id) of this plan's post among the server's active threads: same
    /// forum, same name, and the marker in its starter message.
    async fn find_forum_post(
        &self,
        guild: u64,
        forum: u64,
        name: &str,
        marker: &str,
    ) -> Option<u64> {
        let rest = &self.community.rest;
        let active = rest.active_threads(guild).await.ok()?;
        for thread in active["threads"].as_array()? {
            let parent = thread["parent_id"]
                .as_str()
                .and_then(|p| p.parse::<u64>().ok());
            if parent != Some(forum) || thread["name"].as_str() != Some(name) {
                continue;
            }
            let id = id_of(thread)?;
            // A forum post's starter message has the thread's id.
            let starter = rest.message(id, id).await.ok()?;
            let footer = discord::footer_of(&starter).unwrap_or_default();
            if footer.ends_with(marker) {
                return Some(id);
            }
        }
        None
    }

    /// Tells the plan's moderators, where the plan was started, that it paused itself.
    async fn tell_moderators(&self, plan: &Plan, reason: &str) {
        let notice = Reply {
            body: format!(
                "⏸️ The reading plan in {} paused itself: {reason}. Check Seminar's permissions there, then `/plan resume` (or `/plan stop`).",
                channel_mention(plan.channel)
            ),
            ..Reply::default()
        };
        let body = discord::channel_message(&notice, None);
        if let Err(error) = self
            .community
            .rest
            .create_message(plan.notify_channel, &body)
            .await
        {
            tracing::warn!(plan = plan.id, %error, "could not tell the moderators that a plan paused");
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

/// The words that mark a plan's post in its footer, so it can be found after a crash.
fn marker(plan: i64, occurrence: u64) -> String {
    format!("plan #{plan}, post {}", occurrence + 1)
}

/// The smallest snowflake id Discord could give at `at`.
fn snowflake_at(at: Timestamp) -> i64 {
    (at.as_millisecond() - DISCORD_EPOCH_MS).max(0) << 22
}
