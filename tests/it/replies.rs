//! Every kind of reply Seminar sends is a body Discord accepts: valid against the vendored OpenAPI
//! schemas and within the limits the schemas leave out; echoed text never pings anyone.

use crate::support::discord::{
    IS_COMPONENTS_V2 as V2, assert_valid, assert_valid_callback, text as discord_text, validate,
};
use crate::support::{ask, engine, press};
use seminar_core::engine::invocation::parse_partial;
use seminar_core::render::registration::{self, Scope};
use seminar_core::render::{components, discord};
use serde_json::{Value, json};

fn command_body(line: &str) -> Value {
    discord::command_response(&ask(line))
}

#[test]
fn the_schema_check_rejects_an_invalid_body() {
    let too_long = json!({ "type": 4, "data": { "content": "x".repeat(2001) } });
    assert!(validate("CreateMessageInteractionCallbackRequest", &too_long).is_err());
    let wrong_type = json!({ "type": 7, "data": {} });
    assert!(validate("CreateMessageInteractionCallbackRequest", &wrong_type).is_err());
}

#[test]
fn every_command_answers_with_a_valid_message() {
    for line in [
        "/section 13",
        "/section title:misreading",
        "/actor iran",
        "/actor vance",
        "/question",
        "/question section:13",
        "/question actor:israel theme:regional security",
        "/search strait of hormuz",
        "/search power",
        "/outline",
        "/help",
        "/help command:search",
    ] {
        let body = command_body(line);
        assert_eq!(body["type"], 4, "{line}");
        assert_valid_callback(&body);
    }
}

#[test]
fn user_mistakes_are_valid_ephemeral_messages() {
    for line in [
        "/section 99",
        "/section",
        "/section title:zzqx",
        "/actor napoleon",
        "/question actor:napoleon",
        "/search",
        "/search xylophone quasar",
        "/nosuchcommand",
        "/help command:nosuch",
    ] {
        let body = command_body(line);
        assert_valid_callback(&body);
        assert_eq!(body["data"]["flags"], 64 | V2, "{line}: {body}");
    }
}

#[test]
fn successful_answers_are_public() {
    assert_eq!(command_body("/section 1")["data"]["flags"], V2);
}

#[test]
fn every_section_and_every_page_is_valid() {
    for section in &engine().text().sections {
        for page in 1..=3 {
            let body =
                discord::press_response(&press(&format!("v1:page:{}:{page}", section.number)));
            assert_eq!(body["type"], 7);
            assert_valid_callback(&body);
        }
    }
}

#[test]
fn every_actor_profile_is_valid() {
    for actor in &engine().text().actors {
        assert_valid_callback(&command_body(&format!("/actor {}", actor.name)));
    }
}

#[test]
fn every_prompt_reply_is_valid() {
    for prompt in engine().text().prompts() {
        let body = discord::press_response(&press(&format!(
            "v1:prompt:s={}:{}",
            prompt.id.section, prompt.id
        )));
        assert_valid_callback(&body);
    }
}

#[test]
fn every_button_on_every_reply_presses_into_a_valid_update() {
    for line in [
        "/section 8",
        "/actor china",
        "/question",
        "/search power",
        "/search iran",
    ] {
        let reply = ask(line);
        for button in reply.all_buttons().filter(|b| !b.disabled) {
            let pressed = press(&button.custom_id);
            assert!(!pressed.private, "{line} → {}", button.custom_id);
            let body = discord::press_response(&pressed);
            assert_eq!(body["type"], 7, "{}", button.custom_id);
            assert_valid_callback(&body);
        }
    }
}

#[test]
fn stale_or_foreign_buttons_answer_privately_instead_of_overwriting_the_message() {
    for id in [
        "v0:page:1:1",
        "v9:page:1:1",
        "garbage",
        "v1:page:99:1",
        "v1:open:0",
        "v1:prompt:a=nobody:",
    ] {
        let body = discord::press_response(&press(id));
        assert_eq!(body["type"], 4, "{id}: {body}");
        assert_eq!(body["data"]["flags"], 64 | V2, "{id}");
        assert_valid_callback(&body);
    }
}

#[test]
fn autocomplete_answers_are_valid() {
    for line in [
        "/section title:",
        "/section title:misr",
        "/section title:zzzz",
        "/actor name:",
        "/actor name:teh",
        "/question actor:is",
        "/question theme:",
        "/question theme:energy",
        "/question section:1",
        "/search query:iran",
    ] {
        let invocation = parse_partial(line, engine().commands()).expect(line);
        let body =
            discord::autocomplete_response(&engine().complete(&invocation, &Default::default()));
        assert_eq!(body["type"], 8);
        assert_valid_callback(&body);
    }
}

#[test]
fn autocomplete_suggests_titles_as_they_are_typed() {
    let invocation = parse_partial("/section title:misr", engine().commands()).unwrap();
    let names: Vec<String> = engine()
        .complete(&invocation, &Default::default())
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(
        names[..2],
        [
            "§15 The Risk of Misreading the Moment",
            "§26 The Risk of Misreading the Moment"
        ]
    );
}

#[test]
fn autocomplete_suggests_actors_by_alias() {
    let invocation = parse_partial("/actor name:teh", engine().commands()).unwrap();
    let choices = engine().complete(&invocation, &Default::default());
    assert!(choices[0].name.starts_with("Iran ("), "{:?}", choices[0]);
}

#[test]
fn autocomplete_never_offers_more_than_25_choices() {
    let invocation = parse_partial("/section title:", engine().commands()).unwrap();
    assert_eq!(
        engine().complete(&invocation, &Default::default()).len(),
        25
    );
}

#[test]
fn every_command_registration_is_valid() {
    let body = registration::command_registrations(engine().commands(), Scope::Global);
    let commands = body.as_array().unwrap();
    let names: Vec<&str> = commands
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "section",
            "actor",
            "question",
            "search",
            "outline",
            "help",
            "discuss",
            "plan",
            "progress",
            "suggest",
            "review",
            "settings",
            "Find in essay"
        ]
    );
    for command in commands {
        assert_valid("ApplicationCommandCreateRequest", command);
        let Some(options) = command["options"].as_array() else {
            assert_eq!(command["type"], 3, "only message commands lack options");
            continue;
        };
        // Discord refuses a required option after an optional one.
        let first_optional = options
            .iter()
            .position(|o| o["required"] != true)
            .unwrap_or(options.len());
        assert!(
            options[first_optional..]
                .iter()
                .all(|o| o["required"] != true),
            "{command}"
        );
    }
}

#[test]
fn registrations_carry_autocomplete_flags_and_ranges() {
    let body = registration::command_registrations(engine().commands(), Scope::Global);
    let section = &body[0];
    assert_eq!(section["options"][0]["name"], "number");
    assert_eq!(section["options"][0]["min_value"], 1);
    // The highest section number of any text: the Federalist's 85 papers.
    assert_eq!(section["options"][0]["max_value"], 85);
    assert_eq!(section["options"][1]["name"], "title");
    assert_eq!(section["options"][1]["autocomplete"], true);
    assert_eq!(body[1]["options"][0]["name"], "name");
    assert_eq!(body[1]["options"][0]["required"], true);
}

#[test]
fn every_body_forbids_mentions() {
    for line in [
        "/search @everyone <@123> <@&456>",
        "/actor @here",
        "/section title:@everyone",
    ] {
        let body = command_body(line);
        assert_eq!(body["data"]["allowed_mentions"], json!({ "parse": [] }));
    }
}

#[test]
fn long_and_odd_input_still_fits_every_limit() {
    let long = "hormuz ".repeat(400);
    for line in [
        format!("/search {long}"),
        format!("/actor {long}"),
        format!("/section title:{long}"),
    ] {
        assert_valid_callback(&command_body(&line));
    }
}

#[test]
fn an_internal_failure_apology_is_a_valid_private_message() {
    let body = discord::command_response(&seminar_core::engine::Reply::apology("deadbeef"));
    assert_valid_callback(&body);
    assert_eq!(body["data"]["flags"], 64 | V2);
    assert!(discord_text(&body["data"]).contains("deadbeef"));
}

#[test]
fn replies_with_many_long_entries_are_trimmed_to_4000_characters_and_40_components() {
    let reply = seminar_core::engine::Reply {
        title: Some("t".repeat(300)),
        body: "b".repeat(5000),
        entries: (0..30)
            .map(|i| seminar_core::engine::Entry {
                heading: format!("§{i} {}", "h".repeat(300)),
                text: "word ".repeat(400),
                button: None,
            })
            .collect(),
        footer: Some("f".repeat(3000)),
        ..Default::default()
    };
    let body = discord::command_response(&reply);
    assert_valid_callback(&body);
    let components = body["data"]["components"].as_array().unwrap();
    assert!(components::count(components) <= 40);
    assert!(components::text_chars(components) <= 4000);
}

#[test]
fn time_zones_autocomplete_by_city_and_prefix() {
    let complete = |line: &str| {
        let invocation = parse_partial(line, engine().commands()).unwrap();
        engine().complete(&invocation, &Default::default())
    };
    let paris = complete("/plan start timezone:paris");
    assert_eq!(paris.len(), 1);
    assert_eq!(paris[0].name, "Europe/Paris");
    let america = complete("/settings plan_timezone:america/n");
    assert!(
        america.iter().all(|c| c.name.starts_with("America/N")),
        "{america:?}"
    );
    assert!(america.iter().any(|c| c.name == "America/New_York"));
    assert_eq!(complete("/plan start timezone:").len(), 25);
}
