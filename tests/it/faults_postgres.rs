//! The gateway bot on PostgreSQL when PostgreSQL goes away mid-run and comes back: the
//! interaction is deferred in time, lookups keep answering, a command that needs to write
//! apologises with an error id (nothing is confirmed), and once the server is back the same
//! process writes again without a restart. A cluster of its own is stopped and restarted.

use std::time::Duration;

use crate::bot_world::*;
use fake_discord::*;
use seminar::gateway;
use seminar_store::{Database, Location, PoolSettings};
use serde_json::{Value, json};

/// The bot's database on a throwaway cluster, with a short wait for a connection.
async fn world_on_postgres() -> (World, Bot, pg_harness::Cluster) {
    let cluster = tokio::task::spawn_blocking(pg_harness::Cluster::start)
        .await
        .unwrap()
        .unwrap_or_else(|why| panic!("PostgreSQL could not be started for this test: {why}"));
    let database = Database {
        location: Location::Postgres(cluster.create_database()),
        pool: PoolSettings {
            acquire_timeout: Duration::from_secs(1),
            ..PoolSettings::default()
        },
    };
    let world = World::new().await;
    let settings = gateway::BotSettings {
        defer_after: Duration::from_millis(100),
        database,
        ..world.settings()
    };
    let bot = world.start_with(settings).await;
    (world, bot, cluster)
}

fn suggest(text: &str) -> Value {
    let options = json!([
        { "name": "text", "type": 3, "value": text },
        { "name": "section", "type": 4, "value": 13 },
    ]);
    as_member(
        slash_command(snowflake(), "suggest", options),
        PERM_MEMBER,
        &[],
    )
}

/// The first response Discord saw, and the reply: the callback itself, or the edit after a
/// deferral.
async fn answered(world: &World, interaction: Value) -> (Value, Value) {
    let id = id_of(&interaction["id"]).unwrap();
    let ack = callback_for(&world.fake, interaction).await;
    if ack["type"] != 5 {
        return (ack.clone(), ack["data"].clone());
    }
    let path = original_path(id);
    let edit = world
        .fake
        .wait_for_request(|r| r.is("PATCH", &path), WAIT)
        .await;
    (ack, edit.body.unwrap_or_default())
}

async fn stop(cluster: pg_harness::Cluster) -> pg_harness::Cluster {
    tokio::task::spawn_blocking(move || {
        cluster.stop().unwrap();
        cluster
    })
    .await
    .unwrap()
}

async fn restart(cluster: pg_harness::Cluster) -> pg_harness::Cluster {
    tokio::task::spawn_blocking(move || {
        cluster.restart().unwrap();
        cluster
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_going_away_defers_keeps_lookups_apologises_for_writes_and_recovers() {
    let (world, bot, cluster) = world_on_postgres().await;
    let (_, thanks) = answered(
        &world,
        suggest("Who gains most if the talks stall, and why?"),
    )
    .await;
    assert!(shown(&thanks).contains("Thanks!"), "{}", shown(&thanks));

    let cluster = stop(cluster).await;
    let section = json!([{ "name": "number", "type": 4, "value": 13 }]);
    let lookup = as_member(
        slash_command(snowflake(), "section", section),
        PERM_MEMBER,
        &[],
    );
    // Answered at once or after a deferral, whichever the failing reads take.
    let (_, reply) = answered(&world, lookup).await;
    assert!(shown(&reply).contains("§13"), "{}", shown(&reply));

    // A cut connection fails at once (an apology in the first response), a new one only after
    // the connection timeout (a private deferral, then the apology as an edit).
    let (ack, reply) = answered(
        &world,
        suggest("Does the economy decide more than the talks?"),
    )
    .await;
    assert_eq!(ack["data"]["flags"], 64, "{ack}");
    assert!(shown(&reply).contains("error id"), "{}", shown(&reply));
    assert!(!shown(&reply).contains("Thanks!"), "{}", shown(&reply));

    let cluster = restart(cluster).await;
    let (_, thanks) = answered(
        &world,
        suggest("Who would notice first if the talks failed?"),
    )
    .await;
    assert!(shown(&thanks).contains("Thanks!"), "{}", shown(&thanks));
    bot.stop().await.unwrap();
    drop(cluster);
}
