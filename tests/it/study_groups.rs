//! Study groups end to end through the real gateway bot against the fake Discord: discussions,
//! permissions, plans posting on schedule across a restart, progress and the spoiler guard,
//! suggestions and their review, settings. Every body sent is checked against Discord's schemas.

use crate::bot_world::*;
use fake_discord::*;
use jiff::SignedDuration;
use seminar_discord::community::clock::Clock;
use seminar_discord::community::schedule::{At, Every, Schedule, Zone};
use serde_json::{Value, json};

const MODERATOR: u64 = PERM_MEMBER | PERM_MANAGE_THREADS;
const ADMIN: u64 = PERM_MEMBER | PERM_MANAGE_GUILD;

fn string(name: &str, value: &str) -> Value {
    json!({ "name": name, "type": 3, "value": value })
}

fn integer(name: &str, value: i64) -> Value {
    json!({ "name": name, "type": 4, "value": value })
}

fn boolean(name: &str, value: bool) -> Value {
    json!({ "name": name, "type": 5, "value": value })
}

/// A slash command by a member with `permissions`.
fn command_by(permissions: u64, name: &str, options: Value) -> Value {
    as_member(slash_command(snowflake(), name, options), permissions, &[])
}

/// `/plan SUB` by a moderator.
fn plan(sub: &str, options: Value) -> Value {
    as_member(
        subcommand(snowflake(), "plan", sub, options),
        MODERATOR,
        &[],
    )
}

/// Waits until `condition` holds, or fails naming `what`.
async fn eventually(condition: impl Fn() -> bool, what: &str) {
    for _ in 0..500 {
        if condition() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("never happened: {what}");
}

/// The section numbers cited (`§N`) in a message, in order.
fn cited(message: &Value) -> Vec<u32> {
    let text = shown(message);
    text.split('§')
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discuss_posts_the_passage_opens_a_thread_named_after_it_and_pins_the_prompts() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let (reply, private) = answer_of(
        fake,
        command_by(MODERATOR, "discuss", json!([integer("section", 13)])),
    )
    .await;
    assert!(private, "the confirmation is private: {reply}");
    let opening = &fake.messages_in(CHANNEL_ID)[0];
    let title = fake_discord::schema::title(opening).unwrap();
    let title = title.as_str();
    assert!(title.starts_with("§13 "), "{title}");
    let threads = fake.threads();
    assert_eq!(threads.len(), 1);
    assert_eq!(threads[0]["name"], title);
    assert_eq!(threads[0]["id"], opening["id"]);
    let thread = id_of(&threads[0]["id"]).unwrap();
    let inside = fake.messages_in(thread);
    assert_eq!(inside.len(), 1, "the prompts, inside the thread");
    assert!(shown(&inside[0]).contains("1. "), "{}", shown(&inside[0]));
    assert_eq!(fake.pinned(thread), [id_of(&inside[0]["id"]).unwrap()]);
    assert!(
        shown(&reply).contains(&format!("<#{thread}>")),
        "{}",
        shown(&reply)
    );
    assert_every_body_valid(fake);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discuss_in_a_forum_opens_a_post_with_the_prompts_pinned_inside() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let options = json!([
        string("actor", "pakistan"),
        channel_option("channel", FORUM_ID, 15)
    ]);
    answer_of(fake, command_by(MODERATOR, "discuss", options)).await;
    let threads = fake.threads();
    assert_eq!(threads.len(), 1);
    assert_eq!(id_of(&threads[0]["parent_id"]), Some(FORUM_ID));
    let thread = id_of(&threads[0]["id"]).unwrap();
    let inside = fake.messages_in(thread);
    assert_eq!(inside.len(), 2, "the starter message and the prompts");
    assert_eq!(fake.pinned(thread), [id_of(&inside[1]["id"]).unwrap()]);
    assert!(fake.messages_in(CHANNEL_ID).is_empty());
    assert_every_body_valid(fake);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_without_moderator_rights_are_refused_privately_and_nothing_changes() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let attempts = [
        command_by(PERM_MEMBER, "discuss", json!([integer("section", 2)])),
        as_member(
            subcommand(snowflake(), "plan", "start", Value::Null),
            PERM_MEMBER,
            &[],
        ),
        command_by(PERM_MEMBER, "review", Value::Null),
        command_by(PERM_MEMBER, "progress", json!([integer("section", 4)])),
        command_by(
            MODERATOR,
            "settings",
            json!([boolean("private_lookups", true)]),
        ),
    ];
    for attempt in attempts {
        let (reply, private) = answer_of(fake, attempt).await;
        assert!(private);
        assert!(
            shown(&reply).starts_with("Only moderators can"),
            "{}",
            shown(&reply)
        );
    }
    assert!(fake.channel_messages().is_empty());
    assert!(fake.threads().is_empty());
    let (status, _) = answer_of(fake, plan("status", Value::Null)).await;
    assert!(
        shown(&status).contains("No reading plan"),
        "{}",
        shown(&status)
    );
    let (progress, _) = answer_of(fake, command_by(PERM_MEMBER, "progress", Value::Null)).await;
    assert!(
        shown(&progress).contains("No reading position"),
        "{}",
        shown(&progress)
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_configured_moderator_role_lets_a_member_moderate() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let role = json!([role_option("moderator_role", MODERATOR_ROLE_ID)]);
    let (saved, _) = answer_of(fake, command_by(ADMIN, "settings", role)).await;
    assert!(
        shown(&saved).contains(&format!("<@&{MODERATOR_ROLE_ID}>")),
        "{}",
        shown(&saved)
    );
    let progress = slash_command(snowflake(), "progress", json!([integer("section", 4)]));
    let (reply, _) = answer_of(fake, as_member(progress, PERM_MEMBER, &[MODERATOR_ROLE_ID])).await;
    assert!(shown(&reply).contains("§4 "), "{}", shown(&reply));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_plan_input_gets_a_clear_private_error_and_creates_no_plan() {
    let world = World::new().await;
    let fake = &world.fake;
    fake.hide_channel(OTHER_CHANNEL_ID);
    let bot = world.start().await;
    let cases = [
        (json!([string("every", "0d")]), "every:0d"),
        (json!([string("every", "fortnightly")]), "`every` takes"),
        (json!([string("at", "25:00")]), "not a time of day"),
        (
            json!([string("timezone", "Mars/Olympus")]),
            "not a time zone",
        ),
        (json!([integer("from", 99)]), "There is no §99"),
        (
            json!([channel_option("channel", OTHER_CHANNEL_ID, 0)]),
            "I cannot see",
        ),
    ];
    for (options, expected) in cases {
        let (reply, private) = answer_of(fake, plan("start", options)).await;
        assert!(private);
        assert!(
            shown(&reply).contains(expected),
            "{expected}: {}",
            shown(&reply)
        );
    }
    let (status, _) = answer_of(fake, plan("status", Value::Null)).await;
    assert!(
        shown(&status).contains("No reading plan"),
        "{}",
        shown(&status)
    );
    assert!(fake.channel_messages().is_empty());
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_posts_each_section_on_schedule_across_a_restart() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let options = json!([
        integer("from", 3),
        string("every", "1d"),
        string("at", "19:00"),
        string("timezone", "Europe/Paris")
    ]);
    let (started, _) = answer_of(fake, plan("start", options)).await;
    assert!(
        shown(&started).contains("Reading plan started"),
        "{}",
        shown(&started)
    );
    let schedule = Schedule::first_after(
        world.clock.now(),
        Every::parse("1d").unwrap(),
        At::parse("19:00").unwrap(),
        Zone::parse("Europe/Paris").unwrap(),
    );
    assert!(fake.channel_messages().is_empty(), "nothing is due yet");

    world
        .clock
        .set(schedule.due(0) + SignedDuration::from_secs(1));
    let first = fake.wait_for_messages(CHANNEL_ID, 1, WAIT).await;
    assert_eq!(cited(&first[0]).first(), Some(&3));
    bot.stop().await.unwrap();

    let bot = world.start().await;
    world
        .clock
        .set(schedule.due(1) + SignedDuration::from_secs(1));
    let both = fake.wait_for_messages(CHANNEL_ID, 2, WAIT).await;
    assert_eq!(cited(&both[1]).first(), Some(&4));
    // The thread opens just after its post.
    eventually(|| fake.threads().len() == 2, "a thread per post").await;
    let next = || async {
        let (status, _) = answer_of(fake, plan("status", Value::Null)).await;
        shown(&status)
    };
    let mut status = next().await;
    for _ in 0..50 {
        if status.contains("Next: **§5 ") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        status = next().await;
    }
    assert!(status.contains("Next: **§5 "), "{status}");
    assert_eq!(fake.messages_in(CHANNEL_ID).len(), 2, "no post twice");
    assert_every_body_valid(fake);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paused_plan_posts_nothing_until_it_resumes() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    answer_of(fake, plan("start", json!([string("at", "08:00")]))).await;
    let (paused, _) = answer_of(fake, plan("pause", Value::Null)).await;
    assert!(shown(&paused).contains("Paused"), "{}", shown(&paused));
    world
        .clock
        .set(world.clock.now() + SignedDuration::from_hours(49));
    let (resumed, _) = answer_of(fake, plan("resume", Value::Null)).await;
    assert!(shown(&resumed).contains("Resumed"), "{}", shown(&resumed));
    assert!(
        fake.channel_messages().is_empty(),
        "days missed while paused are not caught up"
    );
    let (stopped, _) = answer_of(fake, plan("stop", Value::Null)).await;
    assert!(shown(&stopped).contains("Stopped"), "{}", shown(&stopped));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lookups_hold_back_sections_past_the_groups_position_unless_asked() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    answer_of(
        fake,
        command_by(MODERATOR, "progress", json!([integer("section", 5)])),
    )
    .await;
    let query = json!([string("query", "iran talks")]);
    let (guarded, _) = answer_of(fake, command_by(PERM_MEMBER, "search", query)).await;
    let sections = cited(&guarded);
    assert!(!sections.is_empty());
    assert!(sections.iter().all(|n| *n <= 5), "{sections:?}");
    assert!(
        shown(&guarded).contains("spoilers:true"),
        "{}",
        shown(&guarded)
    );
    let all = json!([string("query", "iran talks"), boolean("spoilers", true)]);
    let (unguarded, _) = answer_of(fake, command_by(PERM_MEMBER, "search", all)).await;
    assert!(
        cited(&unguarded).iter().any(|n| *n > 5),
        "{}",
        shown(&unguarded)
    );
    let (position, _) = answer_of(fake, command_by(PERM_MEMBER, "progress", Value::Null)).await;
    assert!(shown(&position).contains("§5 "), "{}", shown(&position));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suggested_prompt_once_approved_joins_the_servers_prompts() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let text = "Would the talks survive a change of government in Washington?";
    let suggest = json!([string("text", text), integer("section", 13)]);
    let (thanks, private) = answer_of(fake, command_by(PERM_MEMBER, "suggest", suggest)).await;
    assert!(private);
    assert!(
        shown(&thanks).contains("waits for a moderator"),
        "{}",
        shown(&thanks)
    );

    let (review, _) = answer_of(fake, command_by(MODERATOR, "review", Value::Null)).await;
    assert!(shown(&review).contains(text), "{}", shown(&review));
    let approve = fake_discord::schema::buttons(&review)[0]["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    let press = as_member(button_press(snowflake(), &approve), MODERATOR, &[]);
    let id = id_of(&press["id"]).unwrap();
    let update = callback_for(fake, press).await;
    assert_eq!(update["type"], 7, "the review message is updated in place");
    assert!(
        shown(&update["data"]).contains("Approved"),
        "{}",
        shown(&update["data"])
    );
    assert!(shown(&update["data"]).contains("No suggestions are waiting"));
    assert_eq!(fake.callbacks(id).len(), 1);

    // Prompts cycle without repeats, so the new one comes up before any comes back.
    let mut seen = false;
    for _ in 0..12 {
        let question = json!([integer("section", 13)]);
        let (prompt, _) = answer_of(fake, command_by(PERM_MEMBER, "question", question)).await;
        if shown(&prompt).contains(text) {
            assert!(
                shown(&prompt).contains("Suggested in this server"),
                "{}",
                shown(&prompt)
            );
            seen = true;
            break;
        }
    }
    assert!(seen, "the approved prompt never came up");
    assert_every_body_valid(fake);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_suggestions_are_refused_and_nothing_waits_for_review() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    for text in [
        "",
        "Why?",
        "What does @everyone think of §13?",
        &"long ".repeat(80),
    ] {
        let suggest = json!([string("text", text)]);
        let (reply, private) = answer_of(fake, command_by(PERM_MEMBER, "suggest", suggest)).await;
        assert!(private, "{text}");
        assert!(
            !shown(&reply).contains("waits for a moderator"),
            "{}",
            shown(&reply)
        );
    }
    let (review, _) = answer_of(fake, command_by(MODERATOR, "review", Value::Null)).await;
    assert!(
        shown(&review).contains("No suggestions are waiting"),
        "{}",
        shown(&review)
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn private_lookups_by_default_make_lookups_private_unless_asked_otherwise() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let setting = json!([boolean("private_lookups", true)]);
    let (saved, _) = answer_of(fake, command_by(ADMIN, "settings", setting)).await;
    assert!(
        shown(&saved).contains("Private lookups: no → **yes**"),
        "{}",
        shown(&saved)
    );
    let (_, private) = answer_of(
        fake,
        command_by(PERM_MEMBER, "section", json!([integer("number", 3)])),
    )
    .await;
    assert!(private);
    let public = json!([integer("number", 3), boolean("private", false)]);
    let (_, private) = answer_of(fake, command_by(PERM_MEMBER, "section", public)).await;
    assert!(!private);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_refuse_a_bad_value_and_keep_the_old_ones() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let bad = json!([
        boolean("private_lookups", true),
        string("plan_timezone", "Atlantis/Capital")
    ]);
    let (reply, _) = answer_of(fake, command_by(ADMIN, "settings", bad)).await;
    assert!(
        shown(&reply).contains("not a time zone"),
        "{}",
        shown(&reply)
    );
    let (settings, _) = answer_of(fake, command_by(ADMIN, "settings", Value::Null)).await;
    assert!(
        shown(&settings).contains("**Private lookups**\nno"),
        "{}",
        shown(&settings)
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_chooses_a_text_gets_it_for_lookups_discussions_and_plans() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let choose = json!([string("text", "federalist")]);
    let (saved, _) = answer_of(fake, command_by(ADMIN, "settings", choose)).await;
    assert!(
        shown(&saved)
            .contains("Text: *Why the US and Iran Are Talking Now* → ***The Federalist Papers***"),
        "{}",
        shown(&saved)
    );
    let (reply, _) = answer_of(
        fake,
        command_by(PERM_MEMBER, "section", json!([integer("number", 10)])),
    )
    .await;
    assert!(
        shown(&reply).contains("Federalist §10 "),
        "{}",
        shown(&reply)
    );
    let (essay, _) = answer_of(
        fake,
        command_by(
            PERM_MEMBER,
            "section",
            json!([integer("number", 13), string("text", "us-iran-talks")]),
        ),
    )
    .await;
    assert!(
        shown(&essay).contains("§13 The Economics Beneath the Diplomacy"),
        "{}",
        shown(&essay)
    );
    answer_of(
        fake,
        command_by(MODERATOR, "discuss", json!([integer("section", 51)])),
    )
    .await;
    let opening = &fake.messages_in(CHANNEL_ID)[0];
    let title = fake_discord::schema::title(opening).unwrap();
    let title = title.as_str();
    assert!(title.starts_with("Federalist §51 "), "{title}");
    let unknown = json!([string("text", "leviathan")]);
    let (refused, _) = answer_of(fake, command_by(ADMIN, "settings", unknown)).await;
    assert!(
        shown(&refused).contains("no text called “leviathan”"),
        "{}",
        shown(&refused)
    );
    assert_every_body_valid(fake);
    bot.stop().await.unwrap();
}
