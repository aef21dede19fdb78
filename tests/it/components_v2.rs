//! Replies as Components V2 messages: results as Sections with their "Read §N" button beside
//! them, the spoiler guard's note on its own, the flag kept through deferrals and edits, the V2
//! limits (40 components, 4000 characters) held on every message kind of the bundled texts.

use crate::support::discord::{
    IS_COMPONENTS_V2 as V2, assert_valid, assert_valid_callback, assert_valid_components, buttons,
    texts, title, validate,
};
use crate::support::{ask, ask_with, engine, press};
use seminar_core::engine::{Context, Entry, Reply, discussion};
use seminar_core::render::{components, discord, limits};
use serde_json::{Value, json};

fn data(reply: &Reply) -> Value {
    let body = discord::command_response(reply);
    assert_valid_callback(&body);
    body["data"].clone()
}

/// The top-level container's children.
fn inside(data: &Value) -> Vec<Value> {
    data["components"][0]["components"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_message_has_no_content_or_embeds_and_pings_nobody() {
    let data = data(&ask("/section 13"));
    assert!(data.get("content").is_none() && data.get("embeds").is_none());
    assert_eq!(data["flags"], V2);
    assert_eq!(data["allowed_mentions"], json!({ "parse": [] }));
    assert_eq!(data["components"][0]["type"], 17);
    assert_eq!(
        title(&data).as_deref(),
        Some("§13 The Economics Beneath the Diplomacy")
    );
}

#[test]
fn each_search_result_is_a_section_with_its_read_button_beside_it() {
    let reply = ask("/search power");
    let data = data(&reply);
    let sections: Vec<Value> = inside(&data)
        .into_iter()
        .filter(|c| c["type"] == 9)
        .collect();
    assert_eq!(sections.len(), reply.entries.len());
    for (section, entry) in sections.iter().zip(&reply.entries) {
        let text = section["components"][0]["content"].as_str().unwrap();
        assert!(
            text.starts_with(&format!("**{}**\n", entry.heading)),
            "{text}"
        );
        let number = entry.heading.split_whitespace().next().unwrap();
        assert_eq!(section["accessory"]["label"], format!("Read {number}"));
    }
    // Paging stays an action row; no button appears twice.
    let row = data["components"][1].clone();
    assert_eq!(row["type"], 1);
    let labels: Vec<&str> = row["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["◀ Previous", "More results ▶"]);
}

#[test]
fn find_in_essay_shows_three_sections_with_read_buttons() {
    let invocation = seminar_core::engine::Invocation::new("Find in essay").with(
        seminar_core::engine::find::MESSAGE.name,
        seminar_core::engine::Value::String("Iran wants sanctions relief".into()),
    );
    let reply = engine()
        .answer(&invocation, &Context::default())
        .expect("no error");
    let data = data(&reply);
    assert_eq!(data["flags"], V2 | 64);
    let accessories: Vec<String> = inside(&data)
        .iter()
        .filter(|c| c["type"] == 9)
        .map(|c| c["accessory"]["label"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(accessories.len(), 3);
    assert!(accessories.iter().all(|l| l.starts_with("Read §")));
}

#[test]
fn the_spoiler_guard_s_note_is_a_text_display_of_its_own() {
    let context = Context {
        reading: Some(5),
        ..Context::default()
    };
    let reply = ask_with("/search power", &context);
    let note = reply.note.clone().expect("later sections were held back");
    let data = data(&reply);
    assert!(texts(&data).contains(&note), "{data}");
    assert!(!reply.body.contains(&note));
}

#[test]
fn edits_and_button_updates_keep_the_v2_flag_and_only_it() {
    let reply = ask("/section 8");
    let edit = discord::edit(&reply);
    assert_eq!(edit["flags"], V2);
    assert_valid("IncomingWebhookUpdateRequestPartial", &edit);
    assert_valid_components(&edit);
    let next = reply
        .all_buttons()
        .find(|b| b.label.starts_with("Next"))
        .unwrap();
    let update = discord::press_response(&press(&next.custom_id));
    assert_eq!(update["type"], 7);
    assert_eq!(update["data"]["flags"], V2);
    assert_valid_callback(&update);
}

#[test]
fn a_deferral_then_its_edit_make_a_v2_message() {
    let deferral = discord::deferred_response(true);
    assert_valid_callback(&deferral);
    let reply = Reply {
        private: true,
        ..ask("/search oil")
    };
    let edit = discord::edit(&reply);
    assert_eq!(edit["flags"], V2);
    let followup = discord::followup(&reply);
    assert_eq!(followup["flags"], V2 | 64);
    assert_valid("IncomingWebhookRequestPartial", &followup);
    assert_valid_components(&followup);
}

#[test]
fn posts_are_v2_with_a_nonce_and_forum_posts_too() {
    let reply = ask("/section 2");
    let post = discord::channel_message(&reply, Some("plan3-12"));
    assert_eq!(post["flags"], V2);
    assert_eq!(post["nonce"], "plan3-12");
    assert_valid("MessageCreateRequest", &post);
    assert_valid_components(&post);
    let forum = discord::forum_post(&reply, "§2 The War That Made Talking Necessary", 1440);
    validate("CreateForumThreadRequest", &forum).unwrap();
    assert_valid_components(&forum["message"]);
}

#[test]
fn a_post_is_found_again_by_its_footer() {
    let reply = Reply {
        title: Some("§2".into()),
        body: "Text.".into(),
        footer: Some("Part I · plan3-12".into()),
        ..Reply::default()
    };
    let post = discord::channel_message(&reply, None);
    assert_eq!(
        discord::footer_of(&post).as_deref(),
        Some("Part I · plan3-12")
    );
    let before_v2 = json!({ "embeds": [{ "footer": { "text": "Part I · plan3-1" } }] });
    assert_eq!(
        discord::footer_of(&before_v2).as_deref(),
        Some("Part I · plan3-1")
    );
}

#[test]
fn too_many_results_with_buttons_stay_within_40_components() {
    let reply = Reply {
        title: Some("Many".into()),
        body: "Body.".into(),
        entries: (1..=30)
            .map(|i| {
                Entry::new(format!("§{i}"), "A passage.").with_button(
                    seminar_core::engine::Button::new(format!("Read §{i}"), format!("v1:open:{i}")),
                )
            })
            .collect(),
        footer: Some("Footer".into()),
        ..Reply::default()
    };
    let data = data(&reply);
    let components = data["components"].as_array().unwrap();
    assert!(components::count(components) <= limits::COMPONENTS);
    // Only the later results go.
    assert_eq!(buttons(&data)[0]["custom_id"], "v1:open:1");
}

#[test]
fn long_text_is_cut_at_a_sentence_end_to_fit_4000_characters() {
    let sentence = "The strait is narrow and the stakes are high. ";
    let reply = Reply {
        title: Some("Long".into()),
        body: sentence.repeat(200),
        entries: vec![Entry::new("§1", sentence.repeat(10))],
        ..Reply::default()
    };
    let data = data(&reply);
    let components = data["components"].as_array().unwrap();
    assert!(components::text_chars(components) <= limits::TEXT_TOTAL);
    let body = &texts(&data)[1];
    assert!(body.ends_with("high.…"), "{}", &body[body.len() - 40..]);
}

#[test]
fn a_plain_mistake_is_one_text_display() {
    let data = data(&ask("/section 99"));
    assert_eq!(data["flags"], V2 | 64);
    assert_eq!(data["components"].as_array().unwrap().len(), 1);
    assert_eq!(data["components"][0]["type"], 10);
}

/// Every message kind of every bundled text: within the V2 limits. Prints each kind's largest
/// component count and text size (run with `--nocapture` to see them).
#[test]
fn every_message_kind_of_the_bundled_texts_fits_the_v2_limits() {
    let engine = engine();
    let mut kinds: Vec<(String, Vec<Reply>)> = Vec::new();
    for text in &engine.library().texts {
        let t = &text.id;
        let sections: Vec<Reply> = text
            .sections
            .iter()
            .flat_map(|s| (1..=3).map(move |page| format!("v1:page@{t}:{}:{page}", s.number)))
            .map(|id| press(&id))
            .collect();
        kinds.push((format!("/section ({t}, every page)"), sections));
        let actors = text
            .actors
            .iter()
            .map(|a| ask(&format!("/actor name:{} text:{t}", a.name)))
            .collect();
        kinds.push((format!("/actor ({t})"), actors));
        let questions = text
            .sections
            .iter()
            .map(|s| ask(&format!("/question section:{} text:{t}", s.number)))
            .collect();
        kinds.push((format!("/question ({t})"), questions));
        let searches = [
            "power",
            "war",
            "the people",
            "oil",
            "union",
            "iran",
            "liberty",
        ]
        .iter()
        .map(|q| ask(&format!("/search query:{q} text:{t}")))
        .collect();
        kinds.push((format!("/search ({t})"), searches));
        kinds.push((
            format!("/outline ({t})"),
            vec![ask(&format!("/outline text:{t}"))],
        ));
        let more = ["power", "war", "the people", "union"]
            .iter()
            .map(|q| press(&format!("v1:search@{t}:2:{q}")))
            .collect();
        kinds.push((format!("More results, page 2 ({t})"), more));
        let book = engine.book_or_default(Some(t));
        let posts: Vec<_> = text
            .sections
            .iter()
            .map(|s| discussion::build(&book, s, &Context::default(), 3))
            .collect();
        kinds.push((
            format!("/discuss and plan posts: the opening ({t})"),
            posts.iter().map(|d| d.opening.clone()).collect(),
        ));
        kinds.push((
            format!("/discuss and plan posts: the prompts ({t})"),
            posts.iter().map(|d| d.prompts.clone()).collect(),
        ));
        kinds.push((
            format!("plan posts without a thread ({t})"),
            posts.iter().map(discussion::single).collect(),
        ));
        let finds = text
            .sections
            .iter()
            .map(|s| {
                let message = press(&format!("v1:page@{t}:{}:1", s.number)).body;
                let invocation = seminar_core::engine::Invocation::new("Find in essay").with(
                    seminar_core::engine::find::MESSAGE.name,
                    seminar_core::engine::Value::String(message),
                );
                let context = Context {
                    text: Some(t.clone()),
                    ..Context::default()
                };
                engine.answer(&invocation, &context).expect("no error")
            })
            .collect();
        kinds.push((
            format!("Find in essay, each section's opening as the message ({t})"),
            finds,
        ));
    }
    kinds.push((
        "/help".into(),
        std::iter::once(ask("/help"))
            .chain(
                engine
                    .commands()
                    .iter()
                    .map(|c| ask(&format!("/help command:{}", c.name))),
            )
            .collect(),
    ));
    for (kind, replies) in &kinds {
        let mut most_components = 0;
        let mut most_text = 0;
        for reply in replies {
            let data = data(reply);
            let components = data["components"].as_array().unwrap();
            most_components = most_components.max(components::count(components));
            most_text = most_text.max(components::text_chars(components));
        }
        assert!(most_components <= limits::COMPONENTS, "{kind}");
        assert!(most_text <= limits::TEXT_TOTAL, "{kind}");
        eprintln!("{kind}: up to {most_components} components, {most_text} characters of text");
    }
}
