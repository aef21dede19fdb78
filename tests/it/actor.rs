//! `/actor`: who an actor is, where they matter most, the key passages, and a prompt about them.

use crate::support::{ask, shown};

#[test]
fn an_actor_is_found_by_name() {
    let reply = ask("/actor iran");
    assert!(!reply.private);
    assert_eq!(reply.title.as_deref(), Some("Iran"));
}

#[test]
fn aliases_resolve_to_their_actor() {
    for (typed, actor) in [
        ("tehran", "Iran"),
        ("IRGC", "Iran"),
        ("Islamic Revolutionary Guard Corps", "Iran"),
        ("iranian", "Iran"),
        ("vance", "JD Vance"),
        ("jd vance", "JD Vance"),
        ("washington", "United States"),
        ("usa", "United States"),
        ("US", "United States"),
        ("america", "United States"),
        ("american", "United States"),
        ("islamabad", "Pakistan"),
        ("global south", "Global South"),
        ("hezbollah", "Hezbollah"),
    ] {
        assert_eq!(
            ask(&format!("/actor {typed}")).title.as_deref(),
            Some(actor),
            "{typed}"
        );
    }
}

#[test]
fn near_misses_resolve() {
    assert_eq!(ask("/actor irn").title.as_deref(), Some("Iran"));
    assert_eq!(ask("/actor isreal").title.as_deref(), Some("Israel"));
    assert_eq!(ask("/actor hezbolah").title.as_deref(), Some("Hezbollah"));
    assert_eq!(
        ask("/actor name:Pakistn").title.as_deref(),
        Some("Pakistan")
    );
}

#[test]
fn an_unknown_actor_gets_a_short_private_reply_with_suggestions() {
    let reply = ask("/actor napoleon");
    assert!(reply.private);
    assert!(
        reply
            .body
            .starts_with("I don't know an actor called “napoleon”."),
        "{}",
        reply.body
    );
    assert!(
        reply.body.contains("Iran") && reply.body.contains("China"),
        "{}",
        reply.body
    );
    assert!(reply.body.len() < 400);
}

#[test]
fn a_misspelt_alias_resolves_too() {
    assert_eq!(ask("/actor moscw").title.as_deref(), Some("Russia"));
    assert_eq!(ask("/actor islamabd").title.as_deref(), Some("Pakistan"));
}

#[test]
fn the_profile_describes_the_actor_and_ranks_sections() {
    let reply = ask("/actor hezbollah");
    assert!(reply.body.starts_with("Hezbollah"), "{}", reply.body);
    assert!(
        reply
            .body
            .contains("**Where they matter most**\n1. §11 Israel: The Unspoken Variable"),
        "{}",
        reply.body
    );
}

#[test]
fn the_ranking_puts_the_section_that_names_the_actor_most_first() {
    let reply = ask("/actor israel");
    assert!(
        reply
            .body
            .contains("\n1. §11 Israel: The Unspoken Variable"),
        "{}",
        reply.body
    );
    let reply = ask("/actor vance");
    assert!(
        reply.body.contains("\n1. §4 The Politics Behind the Table"),
        "{}",
        reply.body
    );
}

#[test]
fn key_passages_are_cited_and_name_the_actor() {
    let reply = ask("/actor pakistan");
    let passages: Vec<_> = reply
        .entries
        .iter()
        .filter(|e| e.heading.starts_with('§'))
        .collect();
    assert!(!passages.is_empty());
    for passage in passages {
        assert!(
            passage.text.contains("**Pakistan**") || passage.text.contains("**Islamabad**"),
            "{}: {}",
            passage.heading,
            passage.text
        );
    }
}

#[test]
fn the_profile_offers_a_prompt_about_the_actor() {
    let reply = ask("/actor china");
    let prompt = reply
        .entries
        .iter()
        .find(|e| e.heading.starts_with("For discussion"))
        .expect("a prompt");
    assert!(prompt.text.ends_with('?'), "{}", prompt.text);
    assert!(reply.prompt.is_some());
    assert!(
        reply
            .all_buttons()
            .any(|b| b.custom_id.starts_with("v1:prompt:a=china:"))
    );
}

#[test]
fn the_footer_lists_other_names() {
    let reply = ask("/actor iran");
    let footer = reply.footer.unwrap();
    assert!(footer.starts_with("Also called: Tehran"), "{footer}");
    assert!(footer.contains("IRGC"));
}

#[test]
fn an_empty_name_lists_the_actors() {
    let reply = ask("/actor");
    assert!(reply.private);
    assert!(shown(&reply).contains("Global South"));
}
