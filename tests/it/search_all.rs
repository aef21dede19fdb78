//! `/search text:all` at the engine and the CLI: one ranking over every text, each result naming
//! its text, "More results" keeping the scope, the guard on the server's text only, the "All
//! texts" choice, and `all` refused where it means nothing.

use crate::support::discord::assert_valid_callback;
use crate::support::{ask, ask_with, enabled_button, engine, press, seminar, shown, stdout};
use seminar_core::engine::invocation::parse_partial;
use seminar_core::engine::{ChoiceValue, Context, Reply};
use seminar_core::render::discord;

const ESSAY: &str = "US–Iran Talks";
const FEDERALIST: &str = "Federalist";

/// (text's short name, section number) of each result.
fn cited(reply: &Reply) -> Vec<(String, u32)> {
    reply
        .entries
        .iter()
        .map(|e| {
            let (text, rest) = e
                .heading
                .split_once(" §")
                .expect("a citation naming its text");
            let number = rest.split(' ').next().unwrap().parse().unwrap();
            (text.to_string(), number)
        })
        .collect()
}

/// Every result of a search, page after page, pressing "More results" in the same context.
fn every_result(line: &str, context: &Context) -> Vec<(String, u32)> {
    let mut reply = ask_with(line, context);
    let mut results = cited(&reply);
    while let Some(more) = enabled_button(&reply, "More results") {
        reply = engine().press(&more, context).unwrap();
        results.extend(cited(&reply));
    }
    results
}

/// Every page of a search's reply, as "More results" gives them.
fn every_page(line: &str) -> Vec<Reply> {
    let mut pages = vec![ask(line)];
    while let Some(more) = enabled_button(pages.last().unwrap(), "More results") {
        pages.push(press(&more));
    }
    pages
}

fn reading(text: Option<&str>, limit: u32) -> Context {
    Context {
        reading: Some(limit),
        text: text.map(str::to_string),
        ..Context::default()
    }
}

#[test]
fn a_search_of_every_text_cites_both_bundled_texts_on_its_first_page() {
    let reply = ask("/search war text:all");
    println!("example: /search war text:all\n{}\n", shown(&reply));
    let texts: Vec<String> = cited(&reply).into_iter().map(|(t, _)| t).collect();
    assert!(texts.iter().any(|t| t == ESSAY), "{texts:?}");
    assert!(texts.iter().any(|t| t == FEDERALIST), "{texts:?}");
    assert_eq!(
        reply.title.as_deref(),
        Some("Search all texts: war"),
        "{reply:?}"
    );
    assert!(reply.body.contains("From 2 texts: "), "{}", reply.body);
    assert!(
        reply
            .footer
            .as_deref()
            .unwrap()
            .starts_with("All texts · page 1 of ")
    );
    assert_valid_callback(&discord::command_response(&reply));
}

#[test]
fn each_result_names_its_text_and_its_read_button_opens_that_text() {
    let reply = ask("/search war text:all");
    for entry in &reply.entries {
        let button = entry.button.as_ref().unwrap();
        let number = entry
            .heading
            .split_once(" §")
            .unwrap()
            .1
            .split(' ')
            .next()
            .unwrap();
        if entry.heading.starts_with(ESSAY) {
            assert_eq!(button.custom_id, format!("v1:open:{number}"));
        } else {
            assert!(entry.heading.starts_with(FEDERALIST), "{}", entry.heading);
            assert_eq!(button.custom_id, format!("v1:open@federalist:{number}"));
        }
        let opened = press(&button.custom_id);
        assert!(
            opened
                .title
                .as_deref()
                .unwrap()
                .contains(&format!("§{number} ")),
            "{:?}",
            opened.title
        );
    }
}

#[test]
fn each_texts_results_come_in_the_order_its_own_search_ranks_them() {
    let all = every_result("/search war text:all", &Context::default());
    for (text, id) in [(ESSAY, "us-iran-talks"), (FEDERALIST, "federalist")] {
        let own: Vec<u32> = every_page(&format!("/search war text:{id}"))
            .iter()
            .flat_map(crate::support::cited)
            .collect();
        let in_all: Vec<u32> = all
            .iter()
            .filter(|(t, _)| t == text)
            .map(|(_, n)| *n)
            .collect();
        // The library's search keeps the best passages of all texts together, as one text's keeps
        // its own, so each list may end on sections the other left out; those both found rank
        // alike, and the best are the same.
        let shared = |list: &[u32], other: &[u32]| -> Vec<u32> {
            list.iter().copied().filter(|n| other.contains(n)).collect()
        };
        assert_eq!(shared(&in_all, &own), shared(&own, &in_all), "{text}");
        assert!(in_all.len() >= 5, "{text}: {in_all:?}");
        assert_eq!(in_all[..5], own[..5], "{text}");
    }
}

#[test]
fn more_results_keeps_the_scope_of_every_text() {
    let first = ask("/search war text:all");
    let more = enabled_button(&first, "More results").expect("several pages");
    assert_eq!(more, "v1:search@*:2:war");
    let second = press(&more);
    assert_eq!(second.title.as_deref(), Some("Search all texts: war"));
    assert!(
        second
            .footer
            .as_deref()
            .unwrap()
            .starts_with("All texts · page 2 of ")
    );
    let back = enabled_button(&second, "◀ Previous").unwrap();
    assert_eq!(back, "v1:search@*:1:war");
    assert_eq!(press(&back).entries, first.entries);
}

#[test]
fn the_guard_holds_back_only_the_servers_texts_later_sections() {
    let everything = every_result("/search war text:all", &Context::default());
    let guarded = every_result("/search war text:all", &reading(None, 3));
    let kept: Vec<(String, u32)> = everything
        .iter()
        .filter(|(t, n)| t != ESSAY || *n <= 3)
        .cloned()
        .collect();
    assert_eq!(guarded, kept);
    assert!(guarded.iter().any(|(t, n)| t == FEDERALIST && *n > 3));
    let held = everything.len() - kept.len();
    let first = ask_with("/search war text:all", &reading(None, 3));
    assert_eq!(
        first.note.as_deref(),
        Some(
            format!(
                "{held} more sections of {ESSAY} match past §3, where your group is reading; add `spoilers:true` to include them."
            )
            .as_str()
        )
    );
    // A server reading the Federalist Papers: its later papers are held back, the essay is not.
    let federalist = every_result("/search war text:all", &reading(Some("federalist"), 3));
    assert!(
        federalist.iter().all(|(t, n)| t != FEDERALIST || *n <= 3),
        "{federalist:?}"
    );
    assert!(
        federalist.iter().any(|(t, n)| t == ESSAY && *n > 3),
        "{federalist:?}"
    );
}

#[test]
fn spoilers_true_lifts_the_guard_for_every_text_and_more_results_keeps_it() {
    let context = reading(None, 3);
    let lifted = ask_with("/search war text:all spoilers:true", &context);
    assert_eq!(lifted.entries, ask("/search war text:all").entries);
    assert!(lifted.note.is_none());
    let more = enabled_button(&lifted, "More results").unwrap();
    assert_eq!(more, "v1:search@*:2+:war");
    assert_eq!(
        every_result("/search war text:all spoilers:true", &context),
        every_result("/search war text:all", &Context::default())
    );
}

#[test]
fn a_typo_unknown_to_every_text_is_corrected_and_a_word_some_text_has_is_not() {
    let reply = ask("/search hormoz text:all");
    assert!(
        reply.body.starts_with("Showing results for “hormuz”."),
        "{}",
        reply.body
    );
    // "faction" is no word of the essay, whose vocabulary corrects typos, but the Federalist's.
    let federalist_word = ask("/search faction text:all");
    assert!(
        !federalist_word.body.starts_with("Showing"),
        "{}",
        federalist_word.body
    );
    assert!(cited(&federalist_word).iter().all(|(t, _)| t == FEDERALIST));
}

#[test]
fn nothing_found_in_any_text_says_so_privately() {
    let reply = ask("/search xqzzyv text:all");
    assert!(reply.private);
    assert!(
        reply
            .body
            .starts_with("No passage of any text matches “xqzzyv”."),
        "{}",
        reply.body
    );
}

#[test]
fn all_on_any_other_command_is_a_clear_private_error() {
    for line in [
        "/section 3 text:all",
        "/actor iran text:all",
        "/question text:all",
        "/outline text:all",
    ] {
        let reply = ask(line);
        assert!(reply.private, "{line}");
        assert!(reply.entries.is_empty(), "{line}");
        let command = line.split(' ').next().unwrap();
        assert_eq!(
            reply.body,
            format!(
                "`text:all` searches every text, and only `/search` takes it. Name one text for {command}, e.g. `text:us-iran-talks`, or leave `text` out for your server's."
            ),
            "{line}"
        );
    }
}

#[test]
fn a_text_that_is_neither_known_nor_all_keeps_its_error() {
    let reply = ask("/search war text:alll-texts-please");
    assert!(reply.private);
    assert!(
        reply
            .body
            .starts_with("There is no text called “alll-texts-please” here."),
        "{}",
        reply.body
    );
}

#[test]
fn the_text_option_of_search_offers_all_texts_first() {
    let engine = engine();
    let choices = |line: &str| {
        let invocation = parse_partial(line, engine.commands()).unwrap();
        engine.complete(&invocation, &Context::default())
    };
    for line in [
        "/search war text:",
        "/search war text:al",
        "/search war text:All t",
    ] {
        let offered = choices(line);
        assert_eq!(offered[0].name, "All texts", "{line}");
        assert_eq!(
            offered[0].value,
            ChoiceValue::String("all".into()),
            "{line}"
        );
    }
    println!(
        "example: autocomplete /search text: → {:?}",
        choices("/search war text:")
    );
    assert_eq!(choices("/search war text:").len(), 3);
    assert!(
        choices("/search war text:feder")
            .iter()
            .all(|c| c.name != "All texts")
    );
    for line in ["/section text:", "/actor text:", "/outline text:"] {
        assert!(
            choices(line).iter().all(|c| c.name != "All texts"),
            "{line}"
        );
    }
}

#[test]
fn buttons_made_before_the_library_scope_still_press_into_their_text() {
    let essay = press("v1:search:2:strait of hormuz");
    assert_eq!(essay.title.as_deref(), Some("Search: strait of hormuz"));
    assert!(essay.entries.iter().all(|e| e.heading.starts_with('§')));
    let federalist = press("v1:search@federalist:2+:faction");
    assert_eq!(federalist.title.as_deref(), Some("Search: faction"));
    assert!(
        federalist
            .entries
            .iter()
            .all(|e| e.heading.starts_with("Federalist §"))
    );
    let refused = press("v1:page@*:3:1");
    assert_eq!(refused.body, "This button is not one Seminar understands.");
}

#[test]
fn the_cli_searches_every_text_as_discord_would() {
    let output = seminar(&["ask", "/search war text:all"]);
    assert!(output.status.success());
    let text = stdout(&output);
    println!("example: seminar ask '/search war text:all'\n{text}");
    assert!(text.contains(&format!("{ESSAY} §")), "{text}");
    assert!(text.contains(&format!("{FEDERALIST} §")), "{text}");
    assert!(text.contains("v1:search@*:2:war"), "{text}");
    let json = seminar(&["ask", "--json", "/search war text:all"]);
    let body: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_valid_callback(&body);
}

#[test]
fn frontends_read_the_reading_position_for_presses_of_any_text_but_not_for_show_later() {
    let engine = engine();
    for id in [
        "v1:search@*:2:war",
        "v1:search@federalist:2:faction",
        "v1:search:2:power",
        "v1:prompt@federalist:-:",
    ] {
        assert!(engine.press_is_guarded(id), "{id}");
    }
    for id in [
        "v1:find:13.2,5.2:iran",
        "v1:open@federalist:3",
        "v1:page@*:3:1",
    ] {
        assert!(!engine.press_is_guarded(id), "{id}");
    }
}
