//! What a fleet relies on from the database, on SQLite and PostgreSQL alike: several processes
//! migrating a new database at once migrate it once, claims on plans go to one holder at a time
//! and to another once they expire, and a server's settings written through one store are read
//! through another.

use crate::support::databases::{TestStore, on_both_databases};
use seminar_store::{CatchUp, GuildSettings, Place, Plan, PlanStatus, Store};

fn plan(channel: u64) -> Plan {
    Plan {
        id: 0,
        guild: 1,
        channel,
        channel_kind: 0,
        next_section: 1,
        start_date: "2026-11-27".into(),
        every_days: 1,
        at_time: "19:00".into(),
        timezone: "UTC".into(),
        next_occurrence: 0,
        threads: false,
        catch_up: CatchUp::All,
        status: PlanStatus::Active,
        paused_reason: None,
        notify_channel: channel,
        created_by: 9,
        text: None,
    }
}

on_both_databases!(
    eight_stores_opening_a_new_database_at_once_migrate_it_once,
    a_free_claim_goes_to_exactly_one_of_many_takers,
    a_claim_is_renewed_by_its_holder_and_refused_to_others_until_it_expires,
    released_claims_are_free_at_once,
    settings_written_through_one_store_are_read_through_another,
    a_position_written_through_one_store_is_read_at_once_through_it,
);

async fn eight_stores_opening_a_new_database_at_once_migrate_it_once(db: &TestStore) {
    let opening: Vec<_> = (0..8)
        .map(|_| {
            let database = db.database.clone();
            tokio::spawn(async move { Store::connect(&database).await })
        })
        .collect();
    for open in opening {
        let store = open.await.unwrap().expect("every store opens");
        assert_eq!(store.migrations().await.unwrap(), [1, 2, 3, 4, 5]);
        store.close().await;
    }
}

async fn a_free_claim_goes_to_exactly_one_of_many_takers(db: &TestStore) {
    let id = db.store.create_plan(&plan(10)).await.unwrap();
    let takers: Vec<_> = (0..8)
        .map(|n| {
            let store = db.store.clone();
            tokio::spawn(async move {
                let holder = format!("process-{n}");
                store.claim_plan(id, &holder, 1_000, 21_000).await.unwrap()
            })
        })
        .collect();
    let mut won = 0;
    for taker in takers {
        won += usize::from(taker.await.unwrap());
    }
    assert_eq!(won, 1);
    assert_eq!(db.store.claims().await.unwrap().len(), 1);
}

async fn a_claim_is_renewed_by_its_holder_and_refused_to_others_until_it_expires(db: &TestStore) {
    let store = &db.store;
    let id = store.create_plan(&plan(10)).await.unwrap();
    assert!(store.claim_plan(id, "a", 1_000, 21_000).await.unwrap());
    assert!(!store.claim_plan(id, "b", 5_000, 25_000).await.unwrap());
    assert!(store.claim_plan(id, "a", 10_000, 30_000).await.unwrap());
    assert!(!store.claim_plan(id, "b", 29_999, 49_999).await.unwrap());
    assert_eq!(store.renew_claims("a", 40_000).await.unwrap(), 1);
    assert!(!store.claim_plan(id, "b", 39_999, 59_999).await.unwrap());
    // Not renewed in time: the claim is free at its expiry.
    assert!(store.claim_plan(id, "b", 40_000, 60_000).await.unwrap());
    assert!(!store.claim_plan(id, "a", 41_000, 61_000).await.unwrap());
    let claims = store.claims().await.unwrap();
    assert_eq!(claims.len(), 1);
    assert_eq!(
        (claims[0].holder.as_str(), claims[0].expires_at),
        ("b", 60_000)
    );
}

async fn released_claims_are_free_at_once(db: &TestStore) {
    let store = &db.store;
    let first = store.create_plan(&plan(10)).await.unwrap();
    let second = store.create_plan(&plan(11)).await.unwrap();
    assert!(store.claim_plan(first, "a", 1_000, 21_000).await.unwrap());
    assert!(store.claim_plan(second, "a", 1_000, 21_000).await.unwrap());
    store.release_claims("a").await.unwrap();
    assert!(store.claim_plan(first, "b", 2_000, 22_000).await.unwrap());
    assert!(store.claim_plan(second, "b", 2_000, 22_000).await.unwrap());
}

async fn settings_written_through_one_store_are_read_through_another(db: &TestStore) {
    let other = db.reopen().await;
    assert_eq!(other.settings(5).await.unwrap(), GuildSettings::default());
    let changed = GuildSettings {
        private_lookups: true,
        ..GuildSettings::default()
    };
    // Written through the store that just read them: seen at once, cache or not.
    other.save_settings(5, &changed).await.unwrap();
    assert_eq!(other.settings(5).await.unwrap(), changed);
    assert_eq!(db.store.settings(5).await.unwrap(), changed);
}

async fn a_position_written_through_one_store_is_read_at_once_through_it(db: &TestStore) {
    let other = db.reopen().await;
    assert_eq!(other.reading(5, 50, None).await.unwrap(), None);
    // Just read (and, on PostgreSQL, kept): the write through the same store is seen at once.
    other
        .set_reading(Place::Channel(50), Some(7))
        .await
        .unwrap();
    assert_eq!(other.reading(5, 50, None).await.unwrap(), Some(7));
    other.advance_reading(Place::Guild(5), 9).await.unwrap();
    assert_eq!(other.reading(5, 51, None).await.unwrap(), Some(9));
    assert_eq!(other.reading(5, 50, None).await.unwrap(), Some(7));
    other.set_reading(Place::Channel(50), None).await.unwrap();
    assert_eq!(other.reading(5, 50, None).await.unwrap(), Some(9));
}

/// PostgreSQL going away mid-run: reads and writes fail (nothing is confirmed), and the same
/// store works again once the server is back, without being reopened.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_on_postgres_fails_while_the_server_is_down_and_recovers_when_it_returns() {
    let cluster = tokio::task::spawn_blocking(pg_harness::Cluster::start)
        .await
        .unwrap()
        .unwrap_or_else(|why| panic!("PostgreSQL could not be started for this test: {why}"));
    let url = cluster.create_database();
    let database = seminar_store::Database {
        location: seminar_store::Location::Postgres(url),
        pool: seminar_store::PoolSettings {
            acquire_timeout: std::time::Duration::from_secs(1),
            settings_ttl: std::time::Duration::ZERO,
            ..Default::default()
        },
    };
    let store = Store::connect(&database).await.unwrap();
    let changed = GuildSettings {
        private_lookups: true,
        ..GuildSettings::default()
    };
    store.save_settings(5, &changed).await.unwrap();

    let cluster = tokio::task::spawn_blocking(move || {
        cluster.stop().unwrap();
        cluster
    })
    .await
    .unwrap();
    assert!(store.settings(5).await.is_err());
    let unchanged = GuildSettings::default();
    assert!(store.save_settings(5, &unchanged).await.is_err());

    let cluster = tokio::task::spawn_blocking(move || {
        cluster.restart().unwrap();
        cluster
    })
    .await
    .unwrap();
    assert_eq!(store.settings(5).await.unwrap(), changed);
    store.save_settings(6, &changed).await.unwrap();
    assert_eq!(store.settings(6).await.unwrap(), changed);
    store.close().await;
    drop(cluster);
}
