//! The study-group tables: settings with their defaults, reading positions and which applies,
//! plan post intents that survive a crash, and suggestions decided once; on a full disk, every
//! write is an error and nothing of it is stored.

use crate::faults::full_disk;
use crate::support::databases::{TestStore, on_both_databases};
use seminar_core::content::model::PromptId;
use seminar_store::{CatchUp, GuildSettings, Place, Plan, PlanStatus, Store, StoreError, Verdict};

on_both_databases!(
    a_server_without_settings_has_the_defaults_and_saved_ones_come_back,
    a_channel_position_wins_over_its_parent_and_the_server,
    a_plan_advances_a_position_but_never_moves_it_back,
    a_channel_has_one_live_plan_and_stopped_plans_stay_as_history,
    an_intent_recorded_twice_keeps_its_first_nonce,
    completing_a_post_moves_the_plan_in_the_same_transaction,
    the_last_post_finishes_the_plan,
    a_suggestion_is_decided_once_and_only_in_its_server,
    a_plan_keeps_the_text_it_was_started_on,
    positions_of_three_places_are_read_together,
);

fn plan(channel: u64) -> Plan {
    Plan {
        id: 0,
        guild: 1,
        channel,
        channel_kind: 0,
        next_section: 3,
        start_date: "2026-11-27".into(),
        every_days: 1,
        at_time: "19:00".into(),
        timezone: "Europe/Paris".into(),
        next_occurrence: 0,
        threads: true,
        catch_up: CatchUp::All,
        status: PlanStatus::Active,
        paused_reason: None,
        notify_channel: channel,
        created_by: 9,
        text: None,
    }
}

async fn a_server_without_settings_has_the_defaults_and_saved_ones_come_back(db: &TestStore) {
    let store = &db.store;
    assert_eq!(store.settings(5).await.unwrap(), GuildSettings::default());
    let changed = GuildSettings {
        moderator_role: Some(77),
        private_lookups: true,
        archive_minutes: 4320,
        plan_timezone: "America/New_York".into(),
        text: Some("federalist".into()),
        ..GuildSettings::default()
    };
    store.save_settings(5, &changed).await.unwrap();
    assert_eq!(store.settings(5).await.unwrap(), changed);
    assert_eq!(store.settings(6).await.unwrap(), GuildSettings::default());
}

async fn a_channel_position_wins_over_its_parent_and_the_server(db: &TestStore) {
    let store = &db.store;
    assert_eq!(store.reading(1, 10, None).await.unwrap(), None);
    store.set_reading(Place::Guild(1), Some(8)).await.unwrap();
    assert_eq!(store.reading(1, 10, None).await.unwrap(), Some(8));
    store
        .set_reading(Place::Channel(10), Some(3))
        .await
        .unwrap();
    assert_eq!(store.reading(1, 10, None).await.unwrap(), Some(3));
    // A thread under channel 10 inherits the channel's position.
    assert_eq!(store.reading(1, 11, Some(10)).await.unwrap(), Some(3));
    store.set_reading(Place::Channel(10), None).await.unwrap();
    assert_eq!(store.reading(1, 11, Some(10)).await.unwrap(), Some(8));
}

async fn a_plan_advances_a_position_but_never_moves_it_back(db: &TestStore) {
    let store = &db.store;
    store.advance_reading(Place::Channel(10), 4).await.unwrap();
    store.advance_reading(Place::Channel(10), 2).await.unwrap();
    assert_eq!(store.reading_at(Place::Channel(10)).await.unwrap(), Some(4));
}

async fn a_channel_has_one_live_plan_and_stopped_plans_stay_as_history(db: &TestStore) {
    let store = &db.store;
    let first = store.create_plan(&plan(10)).await.unwrap();
    assert!(store.create_plan(&plan(10)).await.is_err());
    store
        .set_plan_status(first, PlanStatus::Stopped, None)
        .await
        .unwrap();
    let second = store.create_plan(&plan(10)).await.unwrap();
    assert_ne!(first, second);
    let live = store.live_plan(10).await.unwrap().unwrap();
    assert_eq!(live.id, second);
    assert_eq!(live.timezone, "Europe/Paris");
    assert_eq!(store.active_plans().await.unwrap().len(), 1);
}

async fn an_intent_recorded_twice_keeps_its_first_nonce(db: &TestStore) {
    let store = &db.store;
    let id = store.create_plan(&plan(10)).await.unwrap();
    let (first, fresh) = store.intend_post(id, 0, 3, "plan1-0", 100).await.unwrap();
    assert!(fresh);
    let (again, fresh) = store.intend_post(id, 0, 9, "other", 200).await.unwrap();
    assert!(!fresh);
    assert_eq!(again, first);
    assert!(!again.posted);
    assert_eq!(
        (again.section, again.nonce.as_str(), again.intended_at),
        (3, "plan1-0", 100)
    );
}

async fn completing_a_post_moves_the_plan_in_the_same_transaction(db: &TestStore) {
    let store = &db.store;
    let id = store.create_plan(&plan(10)).await.unwrap();
    let (mut post, _) = store.intend_post(id, 0, 3, "plan1-0", 100).await.unwrap();
    post.message = Some(555);
    post.thread = Some(555);
    store.complete_post(&post, 4, 1, false).await.unwrap();
    let moved = store.plan(id).await.unwrap().unwrap();
    assert_eq!((moved.next_section, moved.next_occurrence), (4, 1));
    assert_eq!(moved.status, PlanStatus::Active);
    let posts = store.plan_posts(id).await.unwrap();
    assert_eq!(posts.len(), 1);
    assert!(posts[0].posted);
    assert_eq!(posts[0].message, Some(555));
}

async fn the_last_post_finishes_the_plan(db: &TestStore) {
    let store = &db.store;
    let id = store.create_plan(&plan(10)).await.unwrap();
    let (post, _) = store.intend_post(id, 0, 28, "plan1-0", 100).await.unwrap();
    store.complete_post(&post, 29, 1, true).await.unwrap();
    assert_eq!(
        store.plan(id).await.unwrap().unwrap().status,
        PlanStatus::Finished
    );
    assert!(store.live_plan(10).await.unwrap().is_none());
}

async fn a_suggestion_is_decided_once_and_only_in_its_server(db: &TestStore) {
    let store = &db.store;
    let id = store
        .suggest(1, 42, 13, "Who gains most?", 0)
        .await
        .unwrap();
    assert_eq!(
        store.suggestions(1, Verdict::Pending).await.unwrap().len(),
        1
    );
    assert!(
        store
            .decide(2, id, Verdict::Approved, 7)
            .await
            .unwrap()
            .is_none()
    );
    let approved = store
        .decide(1, id, Verdict::Approved, 7)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((approved.section, approved.author), (13, 42));
    assert!(
        store
            .decide(1, id, Verdict::Rejected, 7)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        store.suggestions(1, Verdict::Approved).await.unwrap().len(),
        1
    );
    assert!(
        store
            .suggestions(1, Verdict::Pending)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn a_plan_keeps_the_text_it_was_started_on(db: &TestStore) {
    let store = &db.store;
    let id = store
        .create_plan(&Plan {
            text: Some("federalist".into()),
            ..plan(10)
        })
        .await
        .unwrap();
    let stored = store.plan(id).await.unwrap().unwrap();
    assert_eq!(stored.text.as_deref(), Some("federalist"));
    let other = store.create_plan(&plan(11)).await.unwrap();
    assert_eq!(store.plan(other).await.unwrap().unwrap().text, None);
}

async fn positions_of_three_places_are_read_together(db: &TestStore) {
    let store = &db.store;
    store.set_reading(Place::Guild(1), Some(8)).await.unwrap();
    store
        .set_reading(Place::Channel(10), Some(3))
        .await
        .unwrap();
    let places = [Place::Channel(11), Place::Channel(10), Place::Guild(1)];
    assert_eq!(
        store.readings_at(places).await.unwrap(),
        [None, Some(3), Some(8)]
    );
}

/// A store whose disk is full from the start of the test's writes: every write to its directory
/// fails as it does without free space, when the transaction commits.
async fn store_on_a_disk_that_fills() -> (tempfile::TempDir, Store) {
    // Installed before the database is opened, so that its connections go through it.
    full_disk::install();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("seminar.db")).await.unwrap();
    (dir, store)
}

/// Whether SQLite said the disk is full (SQLITE_FULL, 13).
fn is_full(error: &StoreError) -> bool {
    match error {
        StoreError::Query(sqlx::Error::Database(e)) => e.code().as_deref() == Some("13"),
        _ => false,
    }
}

#[tokio::test]
async fn a_suggestion_on_a_full_disk_is_an_error_and_is_not_stored() {
    let (dir, store) = store_on_a_disk_that_fills().await;
    full_disk::fill(dir.path());
    let error = store
        .suggest(1, 2, 13, "Who gains most if the talks stall?", 0)
        .await
        .unwrap_err();
    assert!(is_full(&error), "{error}");
    full_disk::free(dir.path());
    assert_eq!(store.suggestions(1, Verdict::Pending).await.unwrap(), []);
}

#[tokio::test]
async fn a_decision_on_a_full_disk_is_an_error_and_the_suggestion_still_waits() {
    let (dir, store) = store_on_a_disk_that_fills().await;
    let id = store
        .suggest(1, 2, 13, "Who gains most if the talks stall?", 0)
        .await
        .unwrap();
    full_disk::fill(dir.path());
    let error = store.decide(1, id, Verdict::Approved, 3).await.unwrap_err();
    assert!(is_full(&error), "{error}");
    full_disk::free(dir.path());
    let waiting = store.suggestions(1, Verdict::Pending).await.unwrap();
    assert_eq!(waiting.iter().map(|s| s.id).collect::<Vec<_>>(), [id]);
    assert_eq!(store.suggestions(1, Verdict::Approved).await.unwrap(), []);
}

#[tokio::test]
async fn a_plan_created_on_a_full_disk_is_an_error_and_no_plan_exists() {
    let (dir, store) = store_on_a_disk_that_fills().await;
    full_disk::fill(dir.path());
    let error = store.create_plan(&plan(10)).await.unwrap_err();
    assert!(is_full(&error), "{error}");
    full_disk::free(dir.path());
    assert_eq!(store.live_plan(10).await.unwrap(), None);
}

#[tokio::test]
async fn every_other_write_on_a_full_disk_is_an_error() {
    let (dir, store) = store_on_a_disk_that_fills().await;
    let plan_id = store.create_plan(&plan(10)).await.unwrap();
    let (post, _) = store.intend_post(plan_id, 0, 3, "n0", 0).await.unwrap();
    full_disk::fill(dir.path());
    let prompt = PromptId {
        section: 13,
        ordinal: 1,
    };
    let results = [
        (
            "save_settings",
            store.save_settings(1, &GuildSettings::default()).await,
        ),
        (
            "set_reading",
            store.set_reading(Place::Guild(1), Some(4)).await,
        ),
        (
            "advance_reading",
            store.advance_reading(Place::Guild(1), 5).await,
        ),
        (
            "record_prompt",
            store.record_prompt(Place::Guild(1), prompt, 1).await,
        ),
        (
            "set_plan_status",
            store
                .set_plan_status(plan_id, PlanStatus::Paused, None)
                .await,
        ),
        ("move_plan", store.move_plan(plan_id, 4, 1).await),
        (
            "intend_post",
            store.intend_post(plan_id, 1, 4, "n1", 0).await.map(drop),
        ),
        (
            "complete_post",
            store.complete_post(&post, 4, 1, false).await,
        ),
    ];
    for (write, result) in results {
        match result {
            Err(error) => assert!(is_full(&error), "{write}: {error}"),
            Ok(()) => panic!("{write} reported success on a full disk"),
        }
    }
}
