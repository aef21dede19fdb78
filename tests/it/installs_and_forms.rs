//! User installs and `/suggest`'s form, end to end through both frontends against the fake
//! Discord: a lookup from a user's own install (in a DM, in a server without the bot) is answered
//! from the default text with no server state; `/suggest` without text opens a modal whose
//! submission is recorded as the option form's.

use crate::bot_world::{World, answer_of, assert_every_body_valid, callback_for, shown};
use crate::signed::{Server, section_13, settings};
use crate::support::discord::{assert_valid_callback, texts};
use fake_discord::*;
use seminar_core::engine::form::SUGGEST_FORM;
use serde_json::{Value, json};

/// `/suggest` with no options.
fn suggest_without_text(id: u64) -> Value {
    slash_command(id, "suggest", json!([]))
}

/// The modal's fields, by custom_id, whatever their layout.
fn fields(modal: &Value) -> Vec<(String, u64)> {
    modal["data"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let field = match c["type"].as_u64() {
                Some(18) => &c["component"],
                _ => &c["components"][0],
            };
            (
                field["custom_id"].as_str().unwrap().to_string(),
                field["type"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_answers_a_user_install_in_a_dm_and_in_a_server_without_the_bot() {
    let world = World::new().await;
    let bot = world.start().await;
    for interaction in [
        by_user_install_in_dm(section_13(snowflake())),
        by_user_install(section_13(snowflake())),
    ] {
        let (message, private) = answer_of(&world.fake, interaction).await;
        assert!(!private);
        assert!(
            shown(&message).contains("§13 The Economics Beneath the Diplomacy"),
            "{message}"
        );
    }
    // Nothing was posted or read in a channel.
    assert!(
        world
            .fake
            .requests()
            .iter()
            .all(|r| !r.path.contains("/channels/")),
        "{}",
        world.fake.describe_requests()
    );
    assert_every_body_valid(&world.fake);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_study_group_command_through_a_user_install_is_refused_privately() {
    let world = World::new().await;
    let bot = world.start().await;
    let body = callback_for(
        &world.fake,
        by_user_install(slash_command(snowflake(), "progress", json!([]))),
    )
    .await;
    assert_eq!(body["data"]["flags"], (1 << 15) | 64);
    assert!(texts(&body["data"])[0].contains("works in a server that added Seminar"));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_endpoint_answers_a_user_install_in_a_dm_and_in_a_server_without_the_bot() {
    let (fake, data) = (FakeDiscord::start().await, tempfile::tempdir().unwrap());
    let server = Server::start(
        crate::bot_world::engine(),
        settings(data.path(), Some(fake.api_base())),
    )
    .await;
    for interaction in [
        by_user_install_in_dm(section_13(snowflake())),
        by_user_install(section_13(snowflake())),
    ] {
        let answer = server.interact(&interaction).await;
        assert_eq!(answer.status, 200, "{}", answer.text());
        let body = answer.json();
        assert_valid_callback(&body);
        assert_eq!(body["type"], 4);
        assert!(shown(&body["data"]).contains("§13 The Economics Beneath the Diplomacy"));
    }
    assert!(fake.requests().is_empty(), "{}", fake.describe_requests());
    server.stop().await.expect("a clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gateway_opens_suggest_s_form_and_records_what_is_submitted() {
    let world = World::new().await;
    let bot = world.start().await;
    let modal = callback_for(&world.fake, suggest_without_text(snowflake())).await;
    assert_eq!(modal["type"], 9, "{modal}");
    assert_eq!(modal["data"]["custom_id"], SUGGEST_FORM);
    // Over the gateway the fields are text inputs in rows: serenity reads those back.
    assert_eq!(
        fields(&modal),
        [("text".to_string(), 4), ("section".to_string(), 4)]
    );
    let submit = modal_submit(
        snowflake(),
        SUGGEST_FORM,
        json!([
            row_text("text", "Who gains most if the talks stall?"),
            row_text("section", "13")
        ]),
    );
    let (message, private) = answer_of(&world.fake, submit).await;
    assert!(private);
    let shown = shown(&message);
    assert!(
        shown.contains("Thanks! Your prompt #1 about **§13 The Economics Beneath the Diplomacy**"),
        "{shown}"
    );
    assert_every_body_valid(&world.fake);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_endpoint_opens_suggest_s_form_with_labels_and_records_what_is_submitted() {
    let (fake, data) = (FakeDiscord::start().await, tempfile::tempdir().unwrap());
    let server = Server::start(
        crate::bot_world::engine(),
        settings(data.path(), Some(fake.api_base())),
    )
    .await;
    let answer = server.interact(&suggest_without_text(snowflake())).await;
    let modal = answer.json();
    assert_valid_callback(&modal);
    assert_eq!(modal["type"], 9);
    assert_eq!(
        fields(&modal),
        [("text".to_string(), 4), ("section".to_string(), 3)]
    );
    let options = modal["data"]["components"][1]["component"]["options"]
        .as_array()
        .unwrap();
    assert!(options.len() <= 25);
    assert_eq!(options[0]["default"], true, "no position: the closest");
    let submit = modal_submit(
        snowflake(),
        SUGGEST_FORM,
        json!([
            label_text("text", "Who gains most if the talks stall?"),
            label_select("section", &["13"])
        ]),
    );
    let answer = server.interact(&submit).await;
    let body = answer.json();
    assert_valid_callback(&body);
    assert_eq!(body["type"], 4, "{body}");
    assert_eq!(body["data"]["flags"], (1 << 15) | 64);
    assert!(
        texts(&body["data"])[0]
            .contains("Thanks! Your prompt #1 about **§13 The Economics Beneath the Diplomacy**"),
        "{body}"
    );
    // The same checks as the option form: too short is refused.
    let short = modal_submit(
        snowflake(),
        SUGGEST_FORM,
        json!([
            label_text("text", "Why?"),
            label_select("section", &["closest"])
        ]),
    );
    let body = server.interact(&short).await.json();
    assert!(texts(&body["data"])[0].contains("too short"), "{body}");
    server.stop().await.expect("a clean stop");
}

/// `/suggest`'s form as the engine builds it, in `context`.
fn form_for(
    line: &str,
    context: &seminar_core::engine::Context,
) -> seminar_core::engine::form::Form {
    let engine = crate::support::engine();
    let invocation =
        seminar_core::engine::invocation::parse_line(line, engine.commands()).expect("parses");
    engine.form(&invocation, context).expect("a form")
}

/// The options of the form's section choice: (value, preselected).
fn section_options(form: &seminar_core::engine::form::Form) -> Vec<(String, bool)> {
    match &form.fields[1].input {
        seminar_core::engine::form::Input::Choice(options) => options
            .iter()
            .map(|o| (o.value.clone(), o.selected))
            .collect(),
        other => panic!("not a choice: {other:?}"),
    }
}

#[test]
fn the_form_preselects_the_named_section_then_the_group_s_then_the_closest() {
    let nowhere = seminar_core::engine::Context::default();
    let reading = seminar_core::engine::Context {
        reading: Some(20),
        ..Default::default()
    };
    let chosen = |line: &str, context| {
        let options = section_options(&form_for(line, context));
        assert!(options.len() <= 25);
        let selected: Vec<String> = options
            .into_iter()
            .filter(|(_, s)| *s)
            .map(|(v, _)| v)
            .collect();
        selected
    };
    assert_eq!(chosen("/suggest section:13", &reading), ["13"]);
    assert_eq!(chosen("/suggest", &reading), ["20"]);
    assert_eq!(chosen("/suggest", &nowhere), ["closest"]);
}

#[test]
fn the_form_offers_the_closest_and_24_sections_around_the_preselected_one() {
    let options = section_options(&form_for(
        "/suggest section:28",
        &seminar_core::engine::Context::default(),
    ));
    let values: Vec<&str> = options.iter().map(|(v, _)| v.as_str()).collect();
    assert_eq!(values.len(), 25);
    assert_eq!(values[0], "closest");
    assert_eq!(values[1], "5");
    assert_eq!(values[24], "28");
}

#[test]
fn suggest_with_text_opens_no_form() {
    let engine = crate::support::engine();
    for line in [
        "/suggest text:Who gains most if the talks stall?",
        "/section 13",
    ] {
        let invocation =
            seminar_core::engine::invocation::parse_line(line, engine.commands()).unwrap();
        assert!(
            engine.form(&invocation, &Default::default()).is_none(),
            "{line}"
        );
    }
}

#[test]
fn both_modal_shapes_are_valid_modal_callbacks() {
    use seminar_core::render::modal::{Shape, modal_response};
    let form = form_for("/suggest", &Default::default());
    for shape in [Shape::Labels, Shape::Rows] {
        let body = modal_response(&form, shape);
        assert_eq!(body["type"], 9);
        assert_valid_callback(&body);
    }
}

#[test]
fn the_cli_prints_the_modal_for_suggest_without_text() {
    let output = crate::support::seminar(&["ask", "--json", "/suggest"]);
    assert!(output.status.success());
    let body: Value = serde_json::from_str(&crate::support::stdout(&output)).unwrap();
    assert_valid_callback(&body);
    assert_eq!(body["type"], 9);
    assert_eq!(body["data"]["components"][0]["type"], 18);
    assert_eq!(body["data"]["components"][0]["component"]["style"], 2);
    assert_eq!(body["data"]["components"][0]["component"]["min_length"], 10);
    assert_eq!(
        body["data"]["components"][0]["component"]["max_length"],
        300
    );
    assert_eq!(body["data"]["components"][1]["component"]["type"], 3);
}
