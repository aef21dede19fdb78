//! "I've read it" on a reading plan's post, and `/plan status` counting the members whose own
//! position is behind the plan, through the gateway bot against the fake Discord.

use crate::bot_world::{World, assert_every_body_valid, shown};
use crate::member_progress::{A, B, Frontend, MODERATOR, boolean, by, command, integer};
use fake_discord::*;
use serde_json::{Value, json};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_post_carries_the_button_and_status_counts_the_members_behind() {
    use jiff::SignedDuration;
    use seminar_discord::community::clock::Clock;
    use seminar_discord::community::schedule::{At, Every, Schedule, Zone};
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let frontend = Frontend::Gateway(fake);
    let start = json!([integer("from", 3), { "name": "at", "type": 3, "value": "19:00" }]);
    let start = by(
        B,
        MODERATOR,
        subcommand(snowflake(), "plan", "start", start),
    );
    frontend.reply(start).await;
    let schedule = Schedule::first_after(
        world.clock.now(),
        Every::parse("1d").unwrap(),
        At::parse("19:00").unwrap(),
        Zone::parse("UTC").unwrap(),
    );
    let mine = json!([boolean("mine", true), integer("section", 1)]);
    frontend
        .reply(command(A, PERM_MEMBER, "progress", mine))
        .await;
    world
        .clock
        .set(schedule.due(0) + SignedDuration::from_secs(1));
    let post = fake
        .wait_for_messages(CHANNEL_ID, 1, crate::bot_world::WAIT)
        .await[0]
        .clone();
    let buttons = fake_discord::schema::buttons(&post);
    assert_eq!(buttons[0]["custom_id"], "v1:read:3:us-iran-talks");
    let mut status = String::new();
    for _ in 0..100 {
        let ask = by(
            B,
            MODERATOR,
            subcommand(snowflake(), "plan", "status", Value::Null),
        );
        status = shown(&frontend.reply(ask).await.0);
        if status.contains("1 member is behind it") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    println!("example: /plan status -> {status}");
    assert!(
        status.contains("\n1 member is behind it (their own position is before its last post)."),
        "{status}"
    );
    let press = || button_press_on(snowflake(), "v1:read:3:us-iran-talks", post.clone());
    frontend.press(by(A, PERM_MEMBER, press())).await;
    let ask = by(
        B,
        MODERATOR,
        subcommand(snowflake(), "plan", "status", Value::Null),
    );
    let status = shown(&frontend.reply(ask).await.0);
    assert!(status.contains("\n0 members are behind it"), "{status}");
    assert_every_body_valid(fake);
    bot.stop().await.unwrap();
}
