//! A fleet: one `seminar run` and two `seminar serve` processes (the real binary) on one
//! database, PostgreSQL or a shared SQLite file, against the fake Discord, with plans on in every
//! process. State written through one process is read through another; two plans come due in
//! turn, the process holding the first plan's claim is SIGKILLed between them, and every
//! occurrence is still posted exactly once, the dead process's plan taken over by another.
//!
//! The processes go by the system clock, so the test moves a plan's timetable in the database
//! to make its next occurrence due, as a day passing would.

use std::process::{Child, Command};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::signed::{post_signed, public_key_hex};
use crate::support::process::spawn_logging;
use fake_discord::*;
use seminar_store::{CatchUp, Database, Location, Plan, PlanStatus, Store};
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(30);
const FIRST_CHANNEL: u64 = 1_100_000_000_000_000_301;
const SECOND_CHANNEL: u64 = 1_100_000_000_000_000_302;

/// What happened, and when, since the test started.
#[derive(Clone)]
struct Timeline {
    start: Instant,
    events: Arc<Mutex<Vec<(Duration, String, String)>>>,
}

impl Timeline {
    fn new() -> Timeline {
        Timeline {
            start: Instant::now(),
            events: Arc::default(),
        }
    }

    fn note(&self, who: &str, what: &str) {
        let at = self.start.elapsed();
        let mut events = self.events.lock().unwrap();
        events.push((at, who.to_string(), what.to_string()));
    }

    /// Whether `who` logged a line containing `needle`, and when.
    fn seen(&self, who: &str, needle: &str) -> Option<Duration> {
        let events = self.events.lock().unwrap();
        events
            .iter()
            .find(|(_, w, line)| w == who && line.contains(needle))
            .map(|(at, _, _)| *at)
    }

    fn any_seen(&self, needle: &str) -> Option<(Duration, String)> {
        let events = self.events.lock().unwrap();
        events
            .iter()
            .find(|(_, _, line)| line.contains(needle))
            .map(|(at, who, _)| (*at, who.clone()))
    }

    async fn wait_for(&self, who: &str, needle: &str) -> Duration {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(at) = self.seen(who, needle) {
                return at;
            }
            assert!(
                Instant::now() < deadline,
                "{who} never logged {needle:?}\n{}",
                self.render()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The events that tell the story: claims, posts, kills.
    fn render(&self) -> String {
        let events = self.events.lock().unwrap();
        events
            .iter()
            .filter(|(_, _, line)| {
                [
                    "claim",
                    "took over",
                    "KILL",
                    "TEST",
                    "listening",
                    "database open",
                ]
                .iter()
                .any(|k| line.contains(k))
            })
            .map(|(at, who, line)| {
                let line = line.split_once("seminar").map_or(line.as_str(), |(_, l)| l);
                format!("{:>7.2}s {who:<8} {}", at.as_secs_f64(), line.trim())
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// One process of the fleet.
struct Member {
    name: String,
    child: Child,
}

impl Member {
    fn spawn(name: &str, command: Command, timeline: &Timeline) -> Member {
        let (timeline, who) = (timeline.clone(), name.to_string());
        let child = spawn_logging(command, move |line| timeline.note(&who, &line));
        Member {
            name: name.to_string(),
            child,
        }
    }
}

impl Drop for Member {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `seminar SUBCOMMAND` on `database`, against `fake`, with short leases so a test sees a
/// takeover within seconds.
fn seminar(subcommand: &[&str], fake: &FakeDiscord, database: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_seminar"));
    command
        .args(subcommand)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("DISCORD_TOKEN", token())
        .env("DISCORD_API_BASE", fake.api_base())
        .env("DISCORD_PUBLIC_KEY", public_key_hex())
        .env("SEMINAR_DATABASE", database)
        .env("SEMINAR_PLANS", "on")
        .env("SEMINAR_PLAN_LEASE_SECS", "3")
        .env("SEMINAR_PLAN_POLL_SECS", "1")
        .env("SEMINAR_LOG", "info")
        .env("NO_COLOR", "1");
    for var in [
        "RUST_LOG",
        "SEMINAR_GUILD_ID",
        "DISCORD_GUILD_ID",
        "SEMINAR_CONTENT",
    ] {
        command.env_remove(var);
    }
    command
}

/// A plan on `channel` whose occurrence 0 fell due at midnight UTC `days_ago` days ago.
fn plan_due(channel: u64, days_ago: i64) -> Plan {
    let today = jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date();
    let start = today.checked_sub(jiff::Span::new().days(days_ago)).unwrap();
    Plan {
        id: 0,
        guild: GUILD_ID,
        channel,
        channel_kind: 0,
        next_section: 1,
        start_date: start.to_string(),
        every_days: 1,
        at_time: "00:00".into(),
        timezone: "UTC".into(),
        next_occurrence: 0,
        threads: false,
        catch_up: CatchUp::All,
        status: PlanStatus::Active,
        paused_reason: None,
        notify_channel: channel,
        created_by: USER_ID,
        text: None,
    }
}

/// The plan footers of the posts in `channel` (each names its plan and post once).
fn posts_in(fake: &FakeDiscord, channel: u64) -> Vec<String> {
    fake.messages_in(channel)
        .iter()
        .filter_map(fake_discord::schema::footer)
        .filter(|footer| footer.contains("plan #"))
        .collect()
}

/// Moves a plan's timetable a day back, as a day passing would: its next occurrence is due.
async fn a_day_passes(database: &Database, plan: i64, start: &str) {
    let earlier: jiff::civil::Date = start.parse().unwrap();
    let earlier = earlier.checked_sub(jiff::Span::new().days(1)).unwrap();
    let sql = "UPDATE plans SET start_date = $1 WHERE id = $2";
    match &database.location {
        Location::Postgres(url) => {
            let pool = sqlx::PgPool::connect(url).await.unwrap();
            sqlx::query(sql)
                .bind(earlier.to_string())
                .bind(plan)
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
        Location::Sqlite(path) => {
            let url = format!("sqlite://{}", path.display());
            let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
            sqlx::query(sql)
                .bind(earlier.to_string())
                .bind(plan)
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
        }
    }
}

/// The interaction `/progress` with `options`, from a moderator.
fn progress(options: Value) -> Value {
    let mut interaction = slash_command(snowflake(), "progress", options);
    interaction["member"]["permissions"] = json!((PERM_MEMBER | PERM_MANAGE_THREADS).to_string());
    interaction
}

async fn fleet_posts_each_occurrence_once_and_survives_a_kill(database: Database, label: &str) {
    let timeline = Timeline::new();
    let fake = FakeDiscord::start().await;
    fake.add_channel(FIRST_CHANNEL, 0);
    fake.add_channel(SECOND_CHANNEL, 0);
    let setting = match &database.location {
        Location::Postgres(url) => url.clone(),
        Location::Sqlite(path) => path.display().to_string(),
    };
    // The database exists, migrated, before the fleet starts: the test writes plans into it.
    let store = Store::connect(&database).await.unwrap();
    let mut members = vec![Member::spawn(
        "run",
        seminar(&["run"], &fake, &setting),
        &timeline,
    )];
    for name in ["serve-a", "serve-b"] {
        let command = seminar(&["serve", "--listen", "127.0.0.1:0"], &fake, &setting);
        members.push(Member::spawn(name, command, &timeline));
    }
    fake.wait_until_ready(WAIT).await;
    let mut addresses = Vec::new();
    for name in ["serve-a", "serve-b"] {
        timeline.wait_for(name, "listening for interactions").await;
        let events = timeline.events.lock().unwrap();
        let line = events
            .iter()
            .find(|(_, w, l)| w == name && l.contains("listening for interactions"))
            .map(|(_, _, l)| l.clone())
            .unwrap();
        let address = line
            .split("address=")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap()
            .to_string();
        addresses.push(format!("http://{address}/interactions"));
    }

    // State written through one process is read through another.
    let client = reqwest::Client::new();
    let set = post_signed(
        &client,
        &addresses[0],
        &progress(json!([{ "name": "section", "type": 4, "value": 5 }])),
    )
    .await;
    assert_eq!(set.status, 200, "{}", set.text());
    let read = post_signed(&client, &addresses[1], &progress(json!([]))).await;
    assert!(
        read.text().contains("§5"),
        "serve-b does not see the position set through serve-a: {}",
        read.text()
    );

    // The first plan comes due: one process claims it and posts it once.
    let first = plan_due(FIRST_CHANNEL, 0);
    let first_id = store.create_plan(&first).await.unwrap();
    timeline.note("test", "TEST created plan 1, due now");
    fake.wait_for_messages(FIRST_CHANNEL, 1, WAIT).await;
    let holder = store
        .claims()
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.plan == first_id)
        .expect("the plan that was posted is claimed")
        .holder;
    let pid: u32 = holder.rsplit(':').next().unwrap().parse().unwrap();
    let victim = members
        .iter_mut()
        .find(|m| m.child.id() == pid)
        .expect("the holder is one of the fleet");
    let victim_name = victim.name.clone();
    victim.child.kill().unwrap();
    victim.child.wait().unwrap();
    let killed_at = timeline.start.elapsed();
    timeline.note(
        "test",
        &format!("TEST SIGKILLed {victim_name} (pid {pid}), the holder of plan 1"),
    );

    // Then the second plan comes due, and a day passes for the first.
    let second_id = store
        .create_plan(&plan_due(SECOND_CHANNEL, 0))
        .await
        .unwrap();
    timeline.note("test", "TEST created plan 2, due now");
    a_day_passes(&database, first_id, &first.start_date).await;
    timeline.note("test", "TEST a day passed for plan 1: its post 2 is due");
    fake.wait_for_messages(SECOND_CHANNEL, 1, WAIT).await;
    fake.wait_for_messages(FIRST_CHANNEL, 2, WAIT).await;
    let (took_over_at, taker) = timeline
        .any_seen("took over a plan whose claim expired")
        .expect("a survivor took plan 1 over");
    assert_ne!(taker, victim_name);
    // Give a doubled post time to show before counting.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let first_posts = posts_in(&fake, FIRST_CHANNEL);
    let second_posts = posts_in(&fake, SECOND_CHANNEL);
    println!(
        "fleet on {label}: timeline\n{}\nplan {first_id} posts: {first_posts:?}\nplan {second_id} posts: {second_posts:?}\ntakeover {:.2}s after the kill, by {taker}",
        timeline.render(),
        (took_over_at - killed_at).as_secs_f64()
    );
    assert_eq!(
        first_posts.len(),
        2,
        "{first_posts:?}\n{}",
        timeline.render()
    );
    assert!(first_posts[0].ends_with(&format!("plan #{first_id}, post 1")));
    assert!(first_posts[1].ends_with(&format!("plan #{first_id}, post 2")));
    assert_eq!(second_posts.len(), 1, "{second_posts:?}");
    assert!(second_posts[0].ends_with(&format!("plan #{second_id}, post 1")));
    store.close().await;
    drop(members);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fleet_on_postgres_posts_each_occurrence_once_and_survives_a_kill() {
    let url = tokio::task::spawn_blocking(pg_harness::fresh_database)
        .await
        .unwrap();
    let database = Database {
        location: Location::Postgres(url),
        pool: Default::default(),
    };
    fleet_posts_each_occurrence_once_and_survives_a_kill(database, "PostgreSQL").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fleet_on_one_sqlite_file_posts_each_occurrence_once_and_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let database = Database::sqlite(dir.path().join("seminar.db"));
    fleet_posts_each_occurrence_once_and_survives_a_kill(database, "SQLite").await;
}
