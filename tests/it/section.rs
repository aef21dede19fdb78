//! `/section`: the text of a section by number or fuzzy title, with its part, pages and related sections.

use crate::support::{ask, full_section, headings, press, shown};
use seminar_core::engine::custom_id::Action;

#[test]
fn a_number_shows_that_section_with_its_citation_and_part() {
    let reply = ask("/section 13");
    assert!(!reply.private);
    assert_eq!(
        reply.title.as_deref(),
        Some("§13 The Economics Beneath the Diplomacy")
    );
    assert!(
        reply.body.starts_with(
            "Strip away the language of diplomacy, and another layer becomes visible."
        )
    );
    assert!(
        reply.footer.as_deref().unwrap().starts_with("Part II: "),
        "{:?}",
        reply.footer
    );
}

#[test]
fn the_number_option_by_name_works_like_free_text() {
    assert_eq!(ask("/section number:13").title, ask("/section 13").title);
}

#[test]
fn bullet_lists_are_kept_as_lists() {
    let text = full_section(13);
    assert!(
        text.contains(
            "dual pressure:\n\n- manage geopolitical stability\n- prevent economic shock"
        ),
        "{text}"
    );
}

#[test]
fn the_two_line_heading_of_section_12_is_joined() {
    assert_eq!(
        ask("/section 12").title.as_deref(),
        Some("§12 Iran’s Parallel Strategy: Negotiation and Leverage at the Same Time")
    );
}

#[test]
fn a_title_is_found_from_a_few_of_its_words() {
    assert_eq!(
        ask("/section title:economics").title.as_deref(),
        Some("§13 The Economics Beneath the Diplomacy")
    );
}

#[test]
fn straight_quotes_and_hyphens_find_titles_written_with_curly_quotes_and_dashes() {
    assert_eq!(
        ask("/section title:Iran's parallel strategy")
            .title
            .as_deref(),
        Some("§12 Iran’s Parallel Strategy: Negotiation and Leverage at the Same Time")
    );
    assert_eq!(
        ask("/section title:the system does not collapse - it fragments")
            .title
            .as_deref(),
        Some("§25 The System Does Not Collapse—It Fragments")
    );
    assert_eq!(
        ask("/section title:what the \"order\" actually was")
            .title
            .as_deref(),
        Some("§20 What the “Order” Actually Was")
    );
}

#[test]
fn a_misspelt_title_still_finds_its_section() {
    assert_eq!(
        ask("/section title:econmics beneth").title.as_deref(),
        Some("§13 The Economics Beneath the Diplomacy")
    );
}

#[test]
fn a_shared_title_opens_the_first_section_and_points_to_the_other() {
    let reply = ask("/section title:The Risk of Misreading the Moment");
    assert_eq!(
        reply.title.as_deref(),
        Some("§15 The Risk of Misreading the Moment")
    );
    assert!(
        shown(&reply).contains("§26 The Risk of Misreading the Moment has the same title"),
        "{}",
        shown(&reply)
    );
}

#[test]
fn both_sections_with_the_shared_title_exist_with_different_text() {
    let first = ask("/section 15");
    let second = ask("/section 26");
    assert_eq!(
        second.title.as_deref(),
        Some("§26 The Risk of Misreading the Moment")
    );
    assert_ne!(first.body, second.body);
}

#[test]
fn a_section_past_the_end_is_a_private_error_naming_the_range() {
    let reply = ask("/section 29");
    assert!(reply.private);
    assert!(reply.body.contains("from 1 to 28"), "{}", reply.body);
    assert!(ask("/section 0").private);
    assert!(ask("/section -3").private);
}

#[test]
fn a_section_without_number_or_title_asks_which() {
    let reply = ask("/section");
    assert!(reply.private);
    assert!(reply.body.contains("/outline"), "{}", reply.body);
}

#[test]
fn an_unknown_title_is_a_private_error() {
    let reply = ask("/section title:qwxz zzvv");
    assert!(reply.private);
    assert!(
        reply.body.starts_with("No section title matches"),
        "{}",
        reply.body
    );
}

#[test]
fn related_sections_are_listed_and_offered_as_buttons() {
    let reply = ask("/section 13");
    assert!(headings(&reply).contains(&"Related".to_string()));
    let open: Vec<&str> = reply
        .all_buttons()
        .map(|b| b.custom_id.as_str())
        .filter(|id| id.starts_with("v1:open:"))
        .collect();
    assert!(!open.is_empty());
    for id in open {
        let Ok(Action::Open { section }) = Action::decode(id) else {
            panic!("{id}")
        };
        assert_ne!(section, 13);
        assert!(
            reply.entries[0].text.contains(&format!("§{section} ")),
            "{id}"
        );
    }
}

#[test]
fn a_long_section_is_paged_and_next_shows_the_rest() {
    let first = ask("/section 8");
    assert!(
        first.footer.as_deref().unwrap().ends_with("page 1 of 2"),
        "{:?}",
        first.footer
    );
    let next = first
        .all_buttons()
        .find(|b| b.label.starts_with("Next"))
        .expect("a Next button");
    assert_eq!(next.custom_id, "v1:page:8:2");
    assert!(!next.disabled);
    let prev = first
        .all_buttons()
        .find(|b| b.label.contains("Previous"))
        .expect("a Previous button");
    assert!(prev.disabled);

    let second = press(&next.custom_id);
    assert_eq!(
        second.title.as_deref(),
        Some("§8 A World That Is Beginning to Recalculate")
    );
    assert!(second.footer.as_deref().unwrap().ends_with("page 2 of 2"));
    assert!(!first.body.contains(&second.body) && !second.body.contains(&first.body));
    assert!(
        second
            .all_buttons()
            .find(|b| b.label.starts_with("Next"))
            .unwrap()
            .disabled
    );
}

#[test]
fn the_pages_of_a_section_hold_its_whole_text_once() {
    let first = ask("/section 8");
    let second = press("v1:page:8:2");
    let joined = format!("{}\n\n{}", first.body, second.body);
    for sentence in [
        "While Washington and Tehran sit across the table",
        "It feels like necessity.",
        "has begun to strain under its own weight.",
    ] {
        assert_eq!(joined.matches(sentence).count(), 1, "{sentence}");
    }
}

#[test]
fn a_short_section_has_no_page_buttons() {
    let reply = ask("/section 16");
    assert!(!reply.footer.as_deref().unwrap().contains("page"));
    assert!(
        reply
            .all_buttons()
            .all(|b| !b.custom_id.starts_with("v1:page:"))
    );
}

#[test]
fn every_section_from_1_to_28_opens() {
    for n in 1..=28 {
        let reply = ask(&format!("/section {n}"));
        assert!(!reply.private, "§{n}");
        assert!(
            reply
                .title
                .as_deref()
                .unwrap()
                .starts_with(&format!("§{n} "))
        );
        assert!(!reply.body.is_empty());
    }
}

#[test]
fn the_web_boilerplate_after_the_last_section_is_gone() {
    let text = full_section(28);
    assert!(text.trim_end().ends_with("greatest possibility."), "{text}");
    for boilerplate in ["Part of the", "You may also Like", "Post a Comment"] {
        assert!(!text.contains(boilerplate));
    }
}
