//! The gateway bot end to end: the real bot code (serenity client, responder, REST calls) against
//! a fake Discord on 127.0.0.1. Every body the bot sends is checked against Discord's schemas.

use std::time::Duration;

use crate::bot_world::*;
use crate::support::discord::assert_valid;
use fake_discord::*;
use seminar::gateway::{self, BotError, BotSettings};
use seminar_core::engine::Context;
use seminar_core::engine::invocation::parse_line;
use seminar_core::render::discord;
use seminar_core::render::registration::{Scope, command_registrations};
use seminar_discord::token::Token;
use serde_json::{Value, json};
use tokio::sync::oneshot;

/// What the engine answers for a typed line, seeded as the bot seeds it (by interaction id).
fn expected_reply(line: &str, id: u64) -> seminar_core::engine::Reply {
    let engine = engine();
    let invocation = parse_line(line, engine.commands()).expect("the line parses");
    let context = Context {
        seed: id,
        recent_prompts: vec![],
        ..Context::default()
    };
    engine
        .answer(&invocation, &context)
        .expect("no internal error")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_identifies_with_its_token_and_presence_and_no_intents() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let identify = fake.wait_for_identify(WAIT).await;
    assert_eq!(identify["token"], format!("Bot {}", token()));
    assert_eq!(identify["intents"], 0);
    assert_eq!(identify["presence"]["activities"][0]["state"], PRESENCE);
    assert_eq!(identify["presence"]["status"], "online");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_commands_are_registered_globally_with_a_valid_body() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let path = format!("/api/v10/applications/{APPLICATION_ID}/commands");
    let put = fake
        .wait_for_request(|r| r.is("PUT", &path) && r.path == path, WAIT)
        .await;
    let body = put.body.expect("a JSON body");
    assert_eq!(
        body,
        command_registrations(engine().commands(), Scope::Global)
    );
    for command in body.as_array().unwrap() {
        assert_valid("ApplicationCommandCreateRequest", command);
        assert_valid("ApplicationCommandUpdateRequest", command);
    }
    assert_eq!(put.status, 200);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_does_not_register_unchanged_commands_again() {
    let world = World::new().await;
    let fake = &world.fake;
    world.start().await.stop().await.unwrap();
    let puts = |fake: &FakeDiscord| fake.requests().iter().filter(|r| r.method == "PUT").count();
    assert_eq!(puts(fake), 1);
    // The second run asks what is registered, finds it unchanged, and sends nothing.
    world.start().await.stop().await.unwrap();
    let gets = fake
        .requests()
        .iter()
        .filter(|r| r.is("GET", "/api/v10/applications/"))
        .count();
    assert_eq!(gets, 2);
    assert_eq!(puts(fake), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_development_guild_gets_the_commands_instead_of_everyone() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world
        .start_with(BotSettings {
            guild: Some(GUILD_ID),
            ..world.settings()
        })
        .await;
    let path = format!("/api/v10/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands");
    let put = fake.wait_for_request(|r| r.is("PUT", &path), WAIT).await;
    assert_eq!(
        put.body.unwrap(),
        command_registrations(engine().commands(), Scope::Guild)
    );
    bot.stop().await.unwrap();
    assert!(fake.global_commands().is_empty());
    assert_eq!(fake.guild_commands(GUILD_ID).len(), 13);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_slash_command_is_answered_with_the_engines_reply() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let cases = [
        (
            "section",
            json!([{ "name": "number", "type": 4, "value": 13 }]),
            "/section 13",
        ),
        (
            "actor",
            json!([{ "name": "name", "type": 3, "value": "tehran" }]),
            "/actor tehran",
        ),
        (
            "question",
            json!([{ "name": "actor", "type": 3, "value": "israel" }]),
            "/question actor:israel",
        ),
        (
            "search",
            json!([{ "name": "query", "type": 3, "value": "strait of hormuz" }]),
            "/search strait of hormuz",
        ),
        ("outline", json!([]), "/outline"),
        (
            "help",
            json!([{ "name": "command", "type": 3, "value": "search" }]),
            "/help command:search",
        ),
    ];
    for (name, options, line) in cases {
        let id = snowflake();
        // Each command in a server of its own: a prompt one command showed is recorded after its
        // reply, and would otherwise change which prompt the next one picks.
        let mut interaction = slash_command(id, name, options);
        interaction["guild_id"] = json!(id.to_string());
        interaction["guild"]["id"] = json!(id.to_string());
        let body = callback_for(fake, interaction).await;
        assert_eq!(
            body,
            discord::command_response(&expected_reply(line, id)),
            "{line}"
        );
        assert_eq!(body["type"], 4);
    }
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_section_reply_carries_the_cited_title_and_page_buttons() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let options = json!([{ "name": "number", "type": 4, "value": 13 }]);
    let body = callback_for(fake, slash_command(snowflake(), "section", options)).await;
    assert_eq!(
        fake_discord::schema::title(&body["data"]).as_deref(),
        Some("§13 The Economics Beneath the Diplomacy")
    );
    assert_eq!(body["data"]["allowed_mentions"], json!({ "parse": [] }));
    assert_eq!(body["data"]["flags"], 1 << 15);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_private_option_makes_a_lookup_ephemeral() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let options = json!([
        { "name": "query", "type": 3, "value": "sanctions relief" },
        { "name": "private", "type": 5, "value": true }
    ]);
    let body = callback_for(fake, slash_command(snowflake(), "search", options)).await;
    assert_eq!(body["type"], 4);
    assert_eq!(body["data"]["flags"], 64 | (1 << 15));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_offers_section_titles_as_the_user_types() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let options = json!([{ "name": "title", "type": 3, "value": "econ", "focused": true }]);
    let body = callback_for(fake, autocomplete(snowflake(), "section", options)).await;
    assert_eq!(body["type"], 8);
    let choices = body["data"]["choices"].as_array().unwrap();
    assert_eq!(
        choices[0]["name"],
        "§13 The Economics Beneath the Diplomacy"
    );
    assert!(choices.len() <= 25);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_offers_actor_names_under_any_alias() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let options = json!([{ "name": "name", "type": 3, "value": "tehr", "focused": true }]);
    let body = callback_for(fake, autocomplete(snowflake(), "actor", options)).await;
    let choices = body["data"]["choices"].as_array().unwrap();
    assert_eq!(choices[0]["value"], "Iran");
    assert!(
        choices
            .iter()
            .all(|c| c["name"].as_str().unwrap().chars().count() <= 100)
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_button_updates_its_message_in_place() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let id = snowflake();
    let body = callback_for(fake, button_press(id, "v1:page:8:2")).await;
    assert_eq!(body["type"], 7);
    let reply = engine().press("v1:page:8:2", &Context::default()).unwrap();
    assert_eq!(body, discord::press_response(&reply));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_related_section_button_opens_that_section_in_place() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let body = callback_for(fake, button_press(snowflake(), "v1:open:14")).await;
    assert_eq!(body["type"], 7);
    let title = fake_discord::schema::title(&body["data"]).unwrap();
    assert!(title.starts_with("§14 "), "{title}");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_button_gets_a_private_note_and_leaves_the_message_alone() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let body = callback_for(fake, button_press(snowflake(), "v0:page:8:2")).await;
    assert_eq!(body["type"], 4);
    assert_eq!(body["data"]["flags"], 64 | (1 << 15));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_prompt_in_the_same_channel_is_a_different_prompt() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let options = json!([{ "name": "section", "type": 4, "value": 13 }]);
    let first = callback_for(fake, slash_command(snowflake(), "question", options)).await;
    let another = fake_discord::schema::buttons(&first["data"])
        .into_iter()
        .find(|b| b["label"].as_str().unwrap().contains("Another"))
        .expect("an Another prompt button")["custom_id"]
        .as_str()
        .unwrap()
        .to_string();
    let second = callback_for(fake, button_press(snowflake(), &another)).await;
    assert_eq!(second["type"], 7);
    assert_ne!(
        fake_discord::schema::texts(&first["data"])[1],
        fake_discord::schema::texts(&second["data"])[1]
    );
    bot.stop().await.unwrap();
}

/// The prompt a `/question section:13` callback shows.
async fn prompt_shown(fake: &FakeDiscord) -> Value {
    let options = json!([{ "name": "section", "type": 4, "value": 13 }]);
    let body = callback_for(fake, slash_command(snowflake(), "question", options)).await;
    json!(fake_discord::schema::texts(&body["data"])[1])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_sees_every_prompt_of_a_section_before_any_repeats_across_a_restart() {
    let world = World::new().await;
    let fake = &world.fake;
    let sections_prompts = engine().text().section(13).unwrap().prompts.len();
    assert_eq!(sections_prompts, 4);
    let bot = world.start().await;
    let mut shown = vec![prompt_shown(fake).await, prompt_shown(fake).await];
    bot.stop().await.unwrap();
    let bot = world.start().await;
    shown.push(prompt_shown(fake).await);
    shown.push(prompt_shown(fake).await);
    let distinct: std::collections::HashSet<String> = shown.iter().map(Value::to_string).collect();
    assert_eq!(distinct.len(), 4, "{shown:#?}");
    // The fifth is the one shown longest ago: the cycle starts again.
    assert_eq!(prompt_shown(fake).await, shown[0]);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn find_in_essay_defers_privately_then_edits_in_cited_passages() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let id = snowflake();
    let claim = "Honestly the whole thing is about oil prices and the Strait of Hormuz.";
    let ack = callback_for(fake, message_command(id, "Find in essay", claim)).await;
    assert_eq!(ack, json!({ "type": 5, "data": { "flags": 64 } }));
    let path = original_path(id);
    let edit = fake.wait_for_request(|r| r.is("PATCH", &path), WAIT).await;
    let body = edit.body.unwrap();
    assert_valid("IncomingWebhookUpdateRequestPartial", &body);
    // Three results, each a section with its "Read §N" beside it; the edit keeps only the V2 flag.
    let results: Vec<&Value> = body["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["type"] == 9)
        .collect();
    assert_eq!(results.len(), 3);
    assert!(results.iter().all(|r| {
        r["components"][0]["content"]
            .as_str()
            .unwrap()
            .starts_with("**§")
            && r["accessory"]["label"]
                .as_str()
                .unwrap()
                .starts_with("Read §")
    }));
    assert_eq!(body["flags"], 1 << 15);
    assert_eq!(edit.status, 200);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_command_is_deferred_then_edited_with_the_same_reply() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start_deferring_everything().await;
    let id = snowflake();
    let options = json!([{ "name": "query", "type": 3, "value": "strait of hormuz" }]);
    let ack = callback_for(fake, slash_command(id, "search", options)).await;
    assert_eq!(ack, json!({ "type": 5 }));
    let path = original_path(id);
    let edit = fake.wait_for_request(|r| r.is("PATCH", &path), WAIT).await;
    let expected = discord::edit(&expected_reply("/search strait of hormuz", id));
    assert_eq!(edit.body.unwrap(), expected);
    assert_valid("IncomingWebhookUpdateRequestPartial", &expected);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mistake_found_after_a_public_deferral_is_told_privately() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start_deferring_everything().await;
    let id = snowflake();
    let options = json!([{ "name": "number", "type": 4, "value": 99 }]);
    let ack = callback_for(fake, slash_command(id, "section", options)).await;
    assert_eq!(ack, json!({ "type": 5 }));
    let path = format!(
        "/api/v10/webhooks/{APPLICATION_ID}/{}",
        interaction_token(id)
    );
    let followup = fake
        .wait_for_request(|r| r.is("POST", &path) && r.path == path, WAIT)
        .await;
    let deleted = fake
        .requests()
        .iter()
        .any(|r| r.is("DELETE", &original_path(id)) && r.succeeded());
    assert!(deleted, "{}", fake.describe_requests());
    let body = followup.body.unwrap();
    assert_valid("IncomingWebhookRequestPartial", &body);
    assert_eq!(body["flags"], 64 | (1 << 15));
    assert!(fake_discord::schema::text(&body).contains("§99"));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_in_threads_and_dms_are_answered_as_in_channels() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let options = json!([{ "name": "number", "type": 4, "value": 4 }]);
    for place in [in_thread as fn(Value) -> Value, in_dm] {
        let id = snowflake();
        let body = callback_for(fake, place(slash_command(id, "section", options.clone()))).await;
        assert_eq!(
            body,
            discord::command_response(&expected_reply("/section 4", id))
        );
    }
    bot.stop().await.unwrap();
}

/// Makes the first callback of an `/outline` fail with `status`; returns the statuses of every
/// callback try, once one has succeeded, and checks each try sent the same body.
async fn callback_statuses_after(status: u16) -> Vec<u16> {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    fake.fail_next("POST", "/api/v10/interactions/", status, 1);
    let id = snowflake();
    fake.send_interaction(slash_command(id, "outline", json!([])))
        .await;
    let path = format!("/api/v10/interactions/{id}/");
    fake.wait_for_request(|r| r.is("POST", &path) && r.succeeded(), WAIT)
        .await;
    bot.stop().await.unwrap();
    let bodies = fake.callbacks(id);
    assert!(bodies.windows(2).all(|pair| pair[0] == pair[1]));
    fake.requests()
        .iter()
        .filter(|r| r.is("POST", &path))
        .map(|r| r.status)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_discord_5xx_is_retried_and_the_reply_still_arrives() {
    assert_eq!(callback_statuses_after(502).await, [502, 204]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_callback_through_a_proxy_is_retried() {
    assert_eq!(callback_statuses_after(429).await, [429, 204]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_answers_even_when_registration_fails() {
    let world = World::new().await;
    let fake = &world.fake;
    // Every try of the registration lookup fails.
    fake.fail_next("GET", "/api/v10/applications/", 503, 3);
    let bot = world.start().await;
    let body = callback_for(fake, slash_command(snowflake(), "outline", json!([]))).await;
    assert_eq!(body["type"], 4);
    bot.stop().await.unwrap();
    let lookups = fake
        .requests()
        .iter()
        .filter(|r| r.is("GET", "/api/v10/applications/"))
        .count();
    assert_eq!(lookups, 3);
    assert!(!fake.requests().iter().any(|r| r.method == "PUT"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interaction_whose_token_expired_is_dropped() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    let expired = interaction_id(Duration::from_secs(20 * 60));
    fake.send_interaction(slash_command(expired, "outline", json!([])))
        .await;
    // A fresh interaction sent after it is answered; by then the expired one was handled too.
    let fresh = snowflake();
    callback_for(fake, slash_command(fresh, "outline", json!([]))).await;
    bot.stop().await.unwrap();
    let touched = fake.requests().iter().any(|r| {
        r.path.contains(&expired.to_string()) || r.path.contains(&interaction_token(expired))
    });
    assert!(!touched, "{}", fake.describe_requests());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_carries_on_after_the_gateway_drops_the_connection() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    fake.drop_connection().await;
    fake.wait_for_resume(WAIT).await;
    let body = callback_for(fake, slash_command(snowflake(), "outline", json!([]))).await;
    assert_eq!(body["type"], 4);
    assert_eq!(fake.identify_count(), 1);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_closes_the_gateway_cleanly() {
    let world = World::new().await;
    let fake = &world.fake;
    let bot = world.start().await;
    bot.stop().await.expect("a clean stop");
    assert_eq!(fake.wait_for_client_close(WAIT).await, Some(1000));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_discord_refuses_stops_the_bot_with_a_clear_error() {
    let world = World::new().await;
    let mut settings = world.settings();
    // Well formed (the first part is base64 of a user id), but not the fake's token.
    settings.token = Token::parse("OTk5OTk5OTk5.GhIjKl.not-the-fakes-token").expect("well formed");
    let (_stop, stopped) = oneshot::channel::<()>();
    let outcome = tokio::time::timeout(
        WAIT,
        gateway::run(engine(), settings, async {
            let _ = stopped.await;
        }),
    )
    .await
    .expect("the bot gives up");
    assert!(matches!(outcome, Err(BotError::Refused)), "{outcome:?}");
}
