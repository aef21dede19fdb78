//! "Find in essay" (the message command) and the `private` option, at the engine: what a
//! moderator gets for a chat message, and who sees a lookup.

use crate::support::discord::assert_valid_callback;
use crate::support::{ask, cited, engine};
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

fn find_with(message: &str, context: &Context) -> Reply {
    let invocation = Invocation::new(FIND_IN_TEXT).with("message", Value::String(message.into()));
    engine()
        .answer(&invocation, context)
        .expect("no internal error")
}

fn reading(limit: u32) -> Context {
    Context {
        reading: Some(limit),
        ..Context::default()
    }
}

fn show_later(reply: &Reply) -> Option<&seminar_core::engine::Button> {
    reply
        .all_buttons()
        .find(|b| b.label == "Show later sections too")
}

#[test]
fn with_a_reading_position_find_shows_passages_up_to_it_and_says_how_many_it_held_back() {
    let message = middle_sentence(13);
    let unguarded = cited(&find(&message));
    assert_eq!(unguarded[0], 13);
    let held = unguarded.iter().filter(|&&n| n > 5).count();
    let reply = find_with(&message, &reading(5));
    println!(
        "example: Find in essay at §5\n{}\nnote: {:?}\nbuttons: {:?}\n",
        crate::support::shown(&reply),
        reply.note,
        reply
            .all_buttons()
            .map(|b| (&b.label, &b.custom_id))
            .collect::<Vec<_>>()
    );
    let shown = cited(&reply);
    assert_eq!(shown.len(), 3);
    assert!(shown.iter().all(|&n| n <= 5), "{shown:?}");
    let expected = match held {
        1 => "1 closer passage is held back, past §5, where your group is reading; press “Show later sections too” to include it.".to_string(),
        n => format!("{n} closer passages are held back, past §5, where your group is reading; press “Show later sections too” to include them."),
    };
    assert_eq!(reply.note.as_deref(), Some(expected.as_str()));
    let button = show_later(&reply).expect("the button");
    assert!(
        button.custom_id.starts_with("v1:find:13."),
        "{}",
        button.custom_id
    );
    assert!(button.custom_id.len() <= 100);
    assert_valid_callback(&discord::command_response(&reply));
}

#[test]
fn show_later_sections_too_answers_with_the_closest_passages_whatever_the_position() {
    let message = middle_sentence(13);
    let unguarded = find(&message);
    let guarded = find_with(&message, &reading(5));
    let id = show_later(&guarded).unwrap().custom_id.clone();
    let again = engine().press(&id, &reading(5)).expect("no internal error");
    println!(
        "example: Show later sections too\n{}\n",
        crate::support::shown(&again)
    );
    // It replaces the private answer it was pressed on, which stays private.
    assert!(!again.private);
    assert_eq!(discord::press_response(&again)["type"], 7);
    assert_eq!(cited(&again), cited(&unguarded));
    assert_eq!(
        again.entries.iter().map(|e| &e.heading).collect::<Vec<_>>(),
        unguarded
            .entries
            .iter()
            .map(|e| &e.heading)
            .collect::<Vec<_>>()
    );
    assert!(
        again.entries[0].text.contains("**"),
        "{}",
        again.entries[0].text
    );
    assert!(again.note.is_none());
    assert!(show_later(&again).is_none());
    assert_valid_callback(&discord::press_response(&again));
}

#[test]
fn without_a_reading_position_or_with_nothing_later_nothing_is_held_back() {
    let message = middle_sentence(13);
    for context in [Context::default(), reading(28)] {
        let reply = find_with(&message, &context);
        assert!(reply.note.is_none());
        assert!(show_later(&reply).is_none());
        assert_eq!(reply.entries.len(), 3);
    }
}

#[test]
fn when_only_later_sections_are_close_find_says_so_and_offers_them() {
    let reply = find_with("Hezbollah", &reading(1));
    assert!(reply.entries.is_empty(), "{:?}", reply.entries);
    assert!(
        reply
            .body
            .contains("Only later sections are close to this message: "),
        "{}",
        reply.body
    );
    let id = show_later(&reply).unwrap().custom_id.clone();
    let again = engine().press(&id, &reading(1)).unwrap();
    assert!(!again.entries.is_empty());
    assert!(cited(&again).iter().all(|&n| n > 1));
}

#[test]
fn the_button_of_a_long_message_fits_discords_limit() {
    let long = format!("{} ", middle_sentence(20)).repeat(30);
    let reply = find_with(&long, &reading(2));
    let id = &show_later(&reply).unwrap().custom_id;
    assert!(id.len() <= 100, "{id}");
    assert!(!engine().press(id, &reading(2)).unwrap().entries.is_empty());
}

#[test]
fn find_is_declared_guarded_so_that_frontends_read_the_position() {
    let invocation = Invocation::new(FIND_IN_TEXT).with("message", Value::String("oil".into()));
    assert!(engine().command_is_guarded(&invocation));
}
