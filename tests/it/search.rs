//! `/search`: ranked passages with highlighted snippets and citations, robust to any input.

use crate::support::{ask, cited, full_section as full_text, press, shown};

#[test]
fn a_search_returns_cited_passages_with_highlights() {
    let reply = ask("/search strait of hormuz");
    assert!(!reply.private);
    let sections = cited(&reply);
    assert!(
        matches!(sections.first(), Some(13) | Some(2)),
        "{sections:?}"
    );
    assert!(
        sections.contains(&13) && sections.contains(&2),
        "{sections:?}"
    );
    assert!(
        reply
            .entries
            .iter()
            .take(2)
            .all(|e| e.text.contains("**Strait** of **Hormuz**")
                || e.text.contains("**Strait of Hormuz**")),
        "{}",
        shown(&reply)
    );
}

#[test]
fn citations_name_the_section_and_its_title() {
    let reply = ask("/search insurance premiums");
    assert_eq!(
        reply.entries[0].heading,
        "§13 The Economics Beneath the Diplomacy"
    );
}

#[test]
fn words_are_stemmed() {
    assert!(cited(&ask("/search negotiate")).contains(&12));
    assert!(cited(&ask("/search fragmenting")).contains(&25));
}

#[test]
fn a_quoted_phrase_must_occur_as_written() {
    let reply = ask("/search \"managed instability\"");
    assert_eq!(cited(&reply), vec![15]);
    assert!(
        reply.entries[0].text.contains("**managed instability**"),
        "{}",
        reply.entries[0].text
    );
}

#[test]
fn an_alias_finds_passages_that_use_another_name() {
    // §12 never says Tehran; it names Iran.
    let reply = ask("/search tehran");
    assert!(!full_text(12).contains("Tehran"));
    let entry = reply
        .entries
        .iter()
        .find(|e| e.heading.starts_with("§12 "))
        .expect("§12 is found");
    assert!(entry.text.contains("**Iran**"), "{}", entry.text);
}

#[test]
fn paraphrases_find_the_right_section() {
    let cases = [
        ("why would oil prices spike", vec![2, 13]),
        ("who hosted the meeting", vec![6, 1]),
        ("what happens if diplomacy collapses", vec![16, 7]),
        ("world order breaking into pieces", vec![25]),
        ("hezbollah and lebanon", vec![11]),
    ];
    for (query, expected) in cases {
        let sections = cited(&ask(&format!("/search {query}")));
        let top3: Vec<u32> = sections.into_iter().take(3).collect();
        assert!(
            top3.iter().any(|s| expected.contains(s)),
            "{query}: {top3:?}"
        );
    }
}

#[test]
fn query_syntax_never_fails() {
    for query in [
        "\"",
        "\"strait of",
        "title:hormuz",
        "(iran",
        "iran AND israel",
        "iran OR",
        "NOT",
        "hormuz*",
        "escalat~2",
        "iran^5",
        "+iran -israel",
        "[1 TO 5]",
        "{}",
        "\\",
        "«power»",
        "“managed instability”",
        "::::",
        "a",
        "the and of",
        "🙂",
        "iran's",
    ] {
        let reply = ask(&format!("/search {query}"));
        assert!(
            !reply.body.is_empty() || !reply.entries.is_empty(),
            "{query}"
        );
    }
}

#[test]
fn operators_are_treated_as_words() {
    let reply = ask("/search iran AND hormuz");
    assert!(cited(&reply).contains(&13));
}

#[test]
fn a_typo_is_corrected_and_said_so() {
    let reply = ask("/search hormoz");
    assert!(
        reply.body.starts_with("Showing results for “hormuz”."),
        "{}",
        reply.body
    );
    assert!(cited(&reply).contains(&13));
}

#[test]
fn typos_among_good_words_are_corrected_too() {
    let reply = ask("/search Strait of Hormoz insurence");
    assert!(
        reply
            .body
            .starts_with("Showing results for “Strait of hormuz insurance”."),
        "{}",
        reply.body
    );
    assert_eq!(
        cited(&reply)[..2]
            .iter()
            .filter(|s| [2, 13].contains(s))
            .count(),
        2
    );
}

#[test]
fn zero_hits_get_suggestions_not_an_empty_reply() {
    let reply = ask("/search xylophone quasar");
    assert!(reply.private);
    assert!(
        reply
            .body
            .starts_with("No passage matches “xylophone quasar”."),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("/actor"));
    assert!(reply.body.contains("/outline"));
}

#[test]
fn an_empty_query_asks_for_words() {
    let reply = ask("/search");
    assert!(reply.private);
    assert!(reply.body.contains("/search strait of hormuz"));
}

#[test]
fn echoed_user_text_cannot_ping_or_inject_markdown() {
    let reply = ask("/search @everyone **bold** <@123>");
    let title = reply.title.unwrap_or_default();
    assert!(
        !title.contains("@everyone") || title.contains("\\@everyone"),
        "{title}"
    );
    assert!(!reply.body.contains("@everyone") || reply.body.contains("\\@everyone"));
}

#[test]
fn many_results_are_paged_with_a_more_button() {
    let reply = ask("/search power");
    let more = reply
        .all_buttons()
        .find(|b| b.label.starts_with("More"))
        .expect("a More button");
    assert_eq!(more.custom_id, "v1:search:2:power");
    let second = press(&more.custom_id);
    assert!(
        second.footer.as_deref().unwrap().contains("page 2 of"),
        "{:?}",
        second.footer
    );
    let first_sections = cited(&reply);
    let second_sections = cited(&second);
    assert!(!second_sections.is_empty());
    assert!(second_sections.iter().all(|s| !first_sections.contains(s)));
}

#[test]
fn each_section_appears_once_in_the_results() {
    let sections = cited(&ask("/search united states power"));
    let mut unique = sections.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), sections.len());
}
