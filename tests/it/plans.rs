//! Reading plans at the scheduler: on schedule, catch-up after downtime, exactly once across a
//! kill between Discord accepting a post and the database recording it, and what happens when
//! Discord refuses (pause, tell the moderators) or fails for a while (retry after a wait). The
//! scheduler runs the real store and REST client against the fake Discord, on a manual clock.

use std::sync::Arc;
use std::time::Duration;

use crate::bot_world::{WAIT, assert_every_body_valid, engine, shown};
use fake_discord::*;
use jiff::SignedDuration;
use seminar::gateway::Shards;
use seminar_core::engine::{Invocation, Value};
use seminar_discord::community::clock::{Clock, ManualClock};
use seminar_discord::community::permissions::Caller;
use seminar_discord::community::schedule::Schedule;
use seminar_discord::community::scheduler::{Outcome, Scheduler};
use seminar_discord::community::{Community, Request};
use seminar_discord::rest::{DEFAULT_TIMEOUT, Rest};
use seminar_discord::token::Token;
use seminar_store::{Place, Plan, PlanStatus, Store};

/// A fake Discord, a database directory and a clock: what survives a restart of the bot.
struct Bed {
    fake: FakeDiscord,
    dir: tempfile::TempDir,
    clock: Arc<ManualClock>,
}

impl Bed {
    async fn new() -> Bed {
        Bed {
            fake: FakeDiscord::start().await,
            dir: tempfile::tempdir().unwrap(),
            clock: Arc::new(ManualClock::new(jiff::Timestamp::now())),
        }
    }

    /// The bot's study-group services, as a fresh process would open them.
    async fn community(&self) -> Community {
        let store = Store::open(&self.dir.path().join("seminar.db"))
            .await
            .unwrap();
        let token = Token::parse(&token()).unwrap();
        let base = self.fake.api_base();
        let rest = Rest::connect(Some(token.expose()), Some(&base), DEFAULT_TIMEOUT);
        Community::new(engine(), store, rest, self.clock.clone())
    }

    /// Starts a plan with `/plan start` as a moderator in `from_channel`, posting to `channel`;
    /// returns it.
    async fn start_plan(
        &self,
        community: &Community,
        channel: u64,
        options: &[(&str, Value)],
    ) -> Plan {
        let mut invocation = Invocation::new("plan");
        invocation.subcommand = Some("start".into());
        invocation.options = options
            .iter()
            .map(|(n, v)| (n.to_string(), v.clone()))
            .collect();
        invocation
            .options
            .push(("channel".into(), Value::Id(channel)));
        let caller = Caller {
            user: USER_ID,
            permissions: Some(PERM_MEMBER | PERM_MANAGE_THREADS),
            roles: vec![],
        };
        let request = Request {
            id: snowflake(),
            guild: Some(GUILD_ID),
            channel: OTHER_CHANNEL_ID,
            channel_kind: Some(0),
            parent: None,
            caller: &caller,
            invocation: &invocation,
        };
        let reply = community.command(&request).await.unwrap();
        assert!(
            reply.body.contains("Reading plan started"),
            "{}",
            reply.body
        );
        community.store.live_plan(channel).await.unwrap().unwrap()
    }

    /// Runs a scheduler pass that dies, as a killed process does, while `method path` waits
    /// for Discord's answer; Discord did the work. Returns the request.
    async fn kill_during(&self, community: Community, method: &str, path: &str) -> Recorded {
        self.fake.hold_next(method, path);
        let doomed = tokio::spawn(async move { Scheduler::new(community).run_due().await });
        let held = self.fake.wait_for_held(WAIT).await;
        doomed.abort();
        assert!(doomed.await.unwrap_err().is_cancelled());
        held
    }

    /// Moves the clock just past occurrence `n` of the plan.
    fn past(&self, plan: &Plan, n: u64) {
        let schedule = Schedule::of(plan).unwrap();
        self.clock
            .set(schedule.due(n) + SignedDuration::from_secs(1));
    }
}

fn daily() -> Vec<(&'static str, Value)> {
    vec![
        ("from", Value::Integer(1)),
        ("every", Value::String("1d".into())),
        ("at", Value::String("10:00".into())),
        ("timezone", Value::String("UTC".into())),
    ]
}

fn posted_sections(outcomes: &[Outcome]) -> Vec<u32> {
    outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Posted { section, .. } => Some(*section),
            _ => None,
        })
        .collect()
}

/// The first section cited in a message's title.
fn section_of(message: &serde_json::Value) -> u32 {
    let title = fake_discord::schema::title(message).unwrap_or_default();
    let digits: String = title
        .trim_start_matches('§')
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(0)
}

#[tokio::test]
async fn nothing_is_posted_before_the_first_occurrence() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    bed.start_plan(&community, CHANNEL_ID, &daily()).await;
    let outcomes = Scheduler::new(community).run_due().await.unwrap();
    assert_eq!(outcomes, []);
    assert!(bed.fake.messages_in(CHANNEL_ID).is_empty());
}

#[tokio::test]
async fn after_downtime_every_missed_section_is_posted_once_in_order() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let plan = bed.start_plan(&community, CHANNEL_ID, &daily()).await;
    bed.past(&plan, 2);
    let scheduler = Scheduler::new(community.clone());
    assert_eq!(
        posted_sections(&scheduler.run_due().await.unwrap()),
        [1, 2, 3]
    );
    assert_eq!(scheduler.run_due().await.unwrap(), []);
    let sections: Vec<u32> = bed
        .fake
        .messages_in(CHANNEL_ID)
        .iter()
        .map(section_of)
        .collect();
    assert_eq!(sections, [1, 2, 3]);
    let stored = community.store.plan(plan.id).await.unwrap().unwrap();
    assert_eq!((stored.next_section, stored.next_occurrence), (4, 3));
    assert_every_body_valid(&bed.fake);
}

#[tokio::test]
async fn a_plan_that_catches_up_with_the_latest_posts_once_for_all_it_missed() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let mut options = daily();
    options.push(("catch_up", Value::String("latest".into())));
    let plan = bed.start_plan(&community, CHANNEL_ID, &options).await;
    bed.past(&plan, 2);
    let scheduler = Scheduler::new(community);
    assert_eq!(posted_sections(&scheduler.run_due().await.unwrap()), [1]);
    bed.past(&plan, 3);
    assert_eq!(posted_sections(&scheduler.run_due().await.unwrap()), [2]);
}

#[tokio::test]
async fn a_post_advances_the_reading_position_of_its_channel_and_its_threads() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let plan = bed.start_plan(&community, CHANNEL_ID, &daily()).await;
    bed.past(&plan, 1);
    Scheduler::new(community.clone()).run_due().await.unwrap();
    let store = &community.store;
    assert_eq!(
        store.reading_at(Place::Channel(CHANNEL_ID)).await.unwrap(),
        Some(2)
    );
    assert_eq!(
        store
            .reading(GUILD_ID, THREAD_ID, Some(CHANNEL_ID))
            .await
            .unwrap(),
        Some(2)
    );
    assert_eq!(
        store
            .reading(GUILD_ID, OTHER_CHANNEL_ID, None)
            .await
            .unwrap(),
        None
    );
}

#[tokio::test]
async fn a_kill_after_discord_took_the_post_but_before_it_was_recorded_posts_nothing_twice() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let plan = bed.start_plan(&community, CHANNEL_ID, &daily()).await;
    bed.past(&plan, 0);
    let messages = format!("/api/v10/channels/{CHANNEL_ID}/messages");
    // The process dies while Discord answers: the message exists, the bot never heard.
    let held = bed.kill_during(community, "POST", &messages).await;
    assert_eq!(bed.fake.messages_in(CHANNEL_ID).len(), 1);

    let restarted = bed.community().await;
    let outcomes = Scheduler::new(restarted.clone()).run_due().await.unwrap();
    assert_eq!(posted_sections(&outcomes), [1]);
    assert_eq!(
        bed.fake.messages_in(CHANNEL_ID).len(),
        1,
        "Discord kept one message"
    );
    let retry = bed
        .fake
        .requests()
        .into_iter()
        .rfind(|r| r.method == "POST" && r.path == messages)
        .unwrap();
    let (first, again) = (held.body.unwrap(), retry.body.unwrap());
    assert_eq!(again["nonce"], first["nonce"]);
    assert_eq!(again["enforce_nonce"], true);
    let posts = restarted.store.plan_posts(plan.id).await.unwrap();
    assert!(posts[0].posted);
    assert_eq!(
        posts[0].message,
        id_of(&bed.fake.messages_in(CHANNEL_ID)[0]["id"])
    );
}

#[tokio::test]
async fn a_post_left_unrecorded_longer_than_the_nonce_lasts_is_found_in_the_channel() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let plan = bed.start_plan(&community, CHANNEL_ID, &daily()).await;
    bed.past(&plan, 0);
    let messages = format!("/api/v10/channels/{CHANNEL_ID}/messages");
    bed.kill_during(community, "POST", &messages).await;
    // Down for ten minutes: Discord would no longer match the nonce.
    bed.fake.advance_clock(Duration::from_secs(600));
    bed.clock.advance(SignedDuration::from_mins(10));

    let posts_before = bed
        .fake
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path == messages)
        .count();
    let restarted = bed.community().await;
    let outcomes = Scheduler::new(restarted).run_due().await.unwrap();
    assert_eq!(posted_sections(&outcomes), [1]);
    let posts_after = bed
        .fake
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path == messages)
        .count();
    assert_eq!(posts_after, posts_before, "found, not posted again");
    assert_eq!(bed.fake.messages_in(CHANNEL_ID).len(), 1);
    assert_eq!(bed.fake.threads().len(), 1, "its thread opened after all");
}

#[tokio::test]
async fn a_post_discord_refuses_pauses_the_plan_and_tells_the_moderators() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let plan = bed.start_plan(&community, CHANNEL_ID, &daily()).await;
    bed.fake.hide_channel(CHANNEL_ID);
    bed.past(&plan, 0);
    let scheduler = Scheduler::new(community.clone());
    let outcomes = scheduler.run_due().await.unwrap();
    assert!(
        matches!(&outcomes[..], [Outcome::Paused { .. }]),
        "{outcomes:?}"
    );
    let stored = community.store.plan(plan.id).await.unwrap().unwrap();
    assert_eq!(stored.status, PlanStatus::Paused);
    assert!(stored.paused_reason.unwrap().contains("403"));
    let notice = bed.fake.messages_in(OTHER_CHANNEL_ID);
    assert_eq!(notice.len(), 1);
    assert!(
        shown(&notice[0]).contains("paused itself"),
        "{}",
        shown(&notice[0])
    );
    bed.past(&plan, 1);
    assert_eq!(
        scheduler.run_due().await.unwrap(),
        [],
        "a paused plan is not retried"
    );
    assert_every_body_valid(&bed.fake);
}

#[tokio::test]
async fn a_deleted_channel_pauses_its_plan() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let plan = bed.start_plan(&community, CHANNEL_ID, &daily()).await;
    bed.fake.delete_channel(CHANNEL_ID);
    bed.past(&plan, 0);
    let outcomes = Scheduler::new(community.clone()).run_due().await.unwrap();
    assert!(
        matches!(&outcomes[..], [Outcome::Paused { .. }]),
        "{outcomes:?}"
    );
    assert!(
        community
            .store
            .live_plan(CHANNEL_ID)
            .await
            .unwrap()
            .unwrap()
            .paused_reason
            .unwrap()
            .contains("404")
    );
}

#[tokio::test]
async fn a_transient_failure_is_retried_after_a_wait_and_posts_once() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let plan = bed.start_plan(&community, CHANNEL_ID, &daily()).await;
    let messages = format!("/api/v10/channels/{CHANNEL_ID}/messages");
    bed.fake.fail_next("POST", &messages, 503, 3);
    bed.past(&plan, 0);
    let scheduler = Scheduler::new(community.clone());
    let outcomes = scheduler.run_due().await.unwrap();
    assert_eq!(outcomes, [Outcome::Retrying { plan: plan.id }]);
    assert_eq!(
        scheduler.run_due().await.unwrap(),
        [],
        "waits before trying again"
    );
    bed.clock.advance(SignedDuration::from_secs(31));
    assert_eq!(posted_sections(&scheduler.run_due().await.unwrap()), [1]);
    assert_eq!(bed.fake.messages_in(CHANNEL_ID).len(), 1);
    assert_eq!(
        community.store.plan(plan.id).await.unwrap().unwrap().status,
        PlanStatus::Active
    );
}

#[tokio::test]
async fn a_forum_plan_opens_a_forum_post_per_section() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let plan = bed.start_plan(&community, FORUM_ID, &daily()).await;
    bed.past(&plan, 1);
    let outcomes = Scheduler::new(community).run_due().await.unwrap();
    assert_eq!(posted_sections(&outcomes), [1, 2]);
    let threads = bed.fake.threads();
    assert_eq!(threads.len(), 2);
    assert!(
        threads
            .iter()
            .all(|t| id_of(&t["parent_id"]) == Some(FORUM_ID))
    );
    assert!(threads[0]["name"].as_str().unwrap().starts_with("§1 "));
    assert_every_body_valid(&bed.fake);
}

#[tokio::test]
async fn a_plan_without_threads_posts_only_the_message() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let mut options = daily();
    options.push(("threads", Value::Boolean(false)));
    let plan = bed.start_plan(&community, CHANNEL_ID, &options).await;
    bed.past(&plan, 0);
    Scheduler::new(community).run_due().await.unwrap();
    assert_eq!(bed.fake.messages_in(CHANNEL_ID).len(), 1);
    assert!(bed.fake.threads().is_empty());
    let post = shown(&bed.fake.messages_in(CHANNEL_ID)[0]);
    assert!(post.contains("/section 1"), "a hint to read it all: {post}");
    assert!(post.contains("For discussion"), "a prompt: {post}");
}

#[tokio::test]
async fn the_last_section_finishes_the_plan() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let last = i64::from(engine().text().last_section());
    let mut options = daily();
    options[0] = ("from", Value::Integer(last - 1));
    let plan = bed.start_plan(&community, CHANNEL_ID, &options).await;
    bed.past(&plan, 5);
    let outcomes = Scheduler::new(community.clone()).run_due().await.unwrap();
    assert_eq!(
        posted_sections(&outcomes).len(),
        2,
        "the last two sections, then nothing"
    );
    let stored = community.store.plan(plan.id).await.unwrap().unwrap();
    assert_eq!(stored.status, PlanStatus::Finished);
}

#[tokio::test]
async fn the_scheduler_wakes_when_its_clock_reaches_a_due_post() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let plan = bed.start_plan(&community, CHANNEL_ID, &daily()).await;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(async move {
        Scheduler::new(community)
            .run(async {
                let _ = stopped.await;
            })
            .await;
    });
    bed.past(&plan, 0);
    bed.fake.wait_for_messages(CHANNEL_ID, 1, WAIT).await;
    let _ = stop.send(());
    tokio::time::timeout(WAIT, running).await.unwrap().unwrap();
    assert!(bed.clock.now() > jiff::Timestamp::UNIX_EPOCH);
}

#[tokio::test]
async fn a_kill_after_a_forum_post_was_made_opens_no_second_post() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let plan = bed.start_plan(&community, FORUM_ID, &daily()).await;
    bed.past(&plan, 0);
    let threads = format!("/api/v10/channels/{FORUM_ID}/threads");
    bed.kill_during(community, "POST", &threads).await;
    assert_eq!(bed.fake.threads().len(), 1);

    let restarted = bed.community().await;
    let outcomes = Scheduler::new(restarted.clone()).run_due().await.unwrap();
    assert_eq!(posted_sections(&outcomes), [1]);
    assert_eq!(
        bed.fake.threads().len(),
        1,
        "the post found among the active threads"
    );
    let posts = restarted.store.plan_posts(plan.id).await.unwrap();
    assert_eq!(posts[0].thread, id_of(&bed.fake.threads()[0]["id"]));
}

#[tokio::test]
async fn a_process_running_some_shards_posts_only_their_servers_plans() {
    let bed = Bed::new().await;
    let community = bed.community().await;
    let plan = bed.start_plan(&community, CHANNEL_ID, &daily()).await;
    bed.past(&plan, 0);
    let shard = u32::try_from((GUILD_ID >> 22) % 2).unwrap();
    let other = Shards::Range {
        first: 1 - shard,
        last: 1 - shard,
        total: 2,
    };
    let outcomes = Scheduler::new(community.clone())
        .for_shards(other)
        .run_due()
        .await
        .unwrap();
    assert_eq!(outcomes, []);
    let own = Shards::Range {
        first: shard,
        last: shard,
        total: 2,
    };
    let outcomes = Scheduler::new(community)
        .for_shards(own)
        .run_due()
        .await
        .unwrap();
    assert_eq!(posted_sections(&outcomes), [1]);
}
