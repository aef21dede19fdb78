//! "Find in essay" (the message command) and the `private` option, at the engine: what a
//! moderator gets for a chat message, and who sees a lookup.

use crate::support::discord::assert_valid_callback;
use crate::support::{ask, engine};
use seminar_core::engine::commands::FIND_IN_TEXT;
use seminar_core::engine::{Context, Invocation, Reply, Value};
use seminar_core::render::discord;

fn find(message: &str) -> Reply {
    let invocation = Invocation::new(FIND_IN_TEXT).with("message", Value::String(message.into()));
    engine()
        .answer(&invocation, &Context::default())
        .expect("no internal error")
}

/// A sentence from the middle of a section, as someone might paste it into a chat.
fn middle_sentence(number: u32) -> String {
    let text = engine().text().section(number).unwrap().plain_text();
    let sentences: Vec<&str> = text
        .split_inclusive(['.', '?', '!'])
        .map(str::trim)
        .filter(|s| s.split_whitespace().count() >= 8)
        .collect();
    sentences[sentences.len() / 2].to_string()
}

#[test]
fn a_sentence_quoted_from_a_section_finds_that_section_first() {
    let sections = engine().text().sections.len() as u32;
    let misses: Vec<u32> = (1..=sections)
        .filter(|&n| {
            let reply = find(&format!("Someone said: {}", middle_sentence(n)));
            !reply.entries[0].heading.starts_with(&format!("§{n} "))
        })
        .collect();
    // Two sections share a title and some sentences say what others say too: allow a few.
    assert!(misses.len() <= 2, "sections not found first: {misses:?}");
}

#[test]
fn the_reply_cites_each_passage_and_offers_to_open_it() {
    let reply = find(&middle_sentence(13));
    assert_eq!(reply.entries.len(), 3);
    for (entry, button) in reply.entries.iter().zip(reply.all_buttons()) {
        let number = entry
            .heading
            .trim_start_matches('§')
            .split(' ')
            .next()
            .unwrap();
        assert_eq!(button.label, format!("Read §{number}"));
        assert_eq!(button.custom_id, format!("v1:open:{number}"));
    }
}

#[test]
fn the_reply_is_private_and_quotes_the_message() {
    let reply = find("Oil prices and the Strait of Hormuz decide everything here.");
    assert!(reply.private);
    assert!(
        reply
            .body
            .starts_with("> Oil prices and the Strait of Hormuz decide everything here."),
        "{}",
        reply.body
    );
    let body = discord::command_response(&reply);
    assert_valid_callback(&body);
    assert_eq!(body["data"]["flags"], 64 | (1 << 15));
}

#[test]
fn a_message_with_only_links_and_mentions_gets_a_clear_refusal() {
    let reply = find("<@123456789> https://example.com/article <:wave:987654321>");
    assert!(reply.private);
    assert!(reply.entries.is_empty());
    assert_eq!(
        reply.body,
        "That message has no words to look up: only links, mentions, emoji or attachments."
    );
}

#[test]
fn a_message_about_nothing_in_the_text_says_so() {
    let reply = find("qwxz zzyzx plorb");
    assert!(reply.private);
    assert!(reply.body.starts_with("Nothing in *"), "{}", reply.body);
}

#[test]
fn a_very_long_message_still_fits_discord() {
    let long = format!("{} ", middle_sentence(4)).repeat(200);
    assert_valid_callback(&discord::command_response(&find(&long)));
}

#[test]
fn lookups_are_public_unless_asked_private() {
    for line in [
        "/section 13",
        "/actor iran",
        "/question section:4",
        "/search strait of hormuz",
        "/outline",
    ] {
        assert!(!ask(line).private, "{line}");
        let private = ask(&format!("{line} private:true"));
        assert!(private.private, "{line} private:true");
        assert_eq!(
            discord::command_response(&private)["data"]["flags"],
            64 | (1 << 15)
        );
        assert!(
            !ask(&format!("{line} private:false")).private,
            "{line} private:false"
        );
    }
}

#[test]
fn help_names_the_message_command_and_where_to_find_it() {
    let reply = ask("/help");
    let entry = reply.entries.last().unwrap();
    assert_eq!(entry.heading, "Find in essay (a message's menu › Apps)");
}

#[test]
fn the_cli_answers_find_as_discord_would() {
    let output =
        crate::support::seminar(&["find", "--json", "oil prices and the Strait of Hormuz"]);
    assert!(output.status.success());
    let body: serde_json::Value = serde_json::from_str(&crate::support::stdout(&output)).unwrap();
    assert_valid_callback(&body);
    assert_eq!(body["data"]["flags"], 64 | (1 << 15));
}
