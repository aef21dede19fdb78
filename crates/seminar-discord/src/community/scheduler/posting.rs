//! Making one plan post: the intent recorded first, then the post (or finding the one a crash
//! left in the channel), then its completion; and telling moderators when a plan pauses itself.

use jiff::{SignedDuration, Timestamp};

use super::Scheduler;
use crate::community::post::{
    Layout, Published, Target, find_forum_post, find_posted, open_thread, publish,
};
use crate::community::{CommunityError, channel_mention, read};
use crate::rest::RestError;
use seminar_core::engine::{Context, Reply, discussion};
use seminar_core::render::discord;
use seminar_store::{Plan, PlanPost};

/// How long Discord honours a message nonce; an intent older than this is looked for in the
/// channel before it is posted again.
const NONCE_WINDOW: SignedDuration = SignedDuration::from_mins(2);
/// Discord's epoch (2015-01-01) in Unix milliseconds.
const DISCORD_EPOCH_MS: i64 = 1_420_070_400_000;

impl Scheduler {
    /// Makes (or finishes) the post of `occurrence`: the intent is recorded first; a post whose
    /// intent was left by a crash goes out with the same nonce, or is found in the channel.
    pub(super) async fn post(
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
            .context(Some(plan.guild), plan.channel, None, None, true)
            .await?;
        context = Context {
            seed: occurrence ^ (plan.id as u64).rotate_left(32),
            ..context
        };
        let built = discussion::build(&book, found, &context, 1);
        let mut opening = discussion::single(&built);
        read::add_to(&mut opening, &book, found.number);
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
                find_posted(&community.rest, channel, &marker).await
            }
            (true, _, Target::Forum(forum)) => {
                find_forum_post(
                    &community.rest,
                    plan.guild,
                    forum,
                    &built.thread_name,
                    &marker,
                )
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

    /// Tells the plan's moderators, where the plan was started, that it paused itself.
    pub(super) async fn tell_moderators(&self, plan: &Plan, reason: &str) {
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
}

/// The words that mark a plan's post in its footer, so it can be found after a crash.
fn marker(plan: i64, occurrence: u64) -> String {
    format!("plan #{plan}, post {}", occurrence + 1)
}

/// The smallest snowflake id Discord could give at `at`.
fn snowflake_at(at: Timestamp) -> i64 {
    (at.as_millisecond() - DISCORD_EPOCH_MS).max(0) << 22
}
