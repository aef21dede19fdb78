//! `/question`: discussion prompts with the passage they grow from; varied, filtered, never repeated back to back.

use std::collections::HashSet;

use crate::support::{ask, ask_with, engine, press};
use seminar_core::content::model::PromptId;
use seminar_core::engine::Context;

/// Whether the prompt, or the section it grows from, is tagged with the actor.
fn about_actor(id: PromptId, actor: &str) -> bool {
    let prompt = engine().text().prompt(id).unwrap();
    let section = engine().text().section(id.section).unwrap();
    prompt
        .actors
        .iter()
        .chain(&section.actors)
        .any(|a| a == actor)
}

#[test]
fn a_prompt_comes_with_the_cited_passage_it_grows_from() {
    let reply = ask("/question section:13");
    assert!(!reply.private);
    assert_eq!(reply.title.as_deref(), Some("For discussion · §13"));
    assert_eq!(reply.entries.len(), 1);
    assert_eq!(
        reply.entries[0].heading,
        "§13 The Economics Beneath the Diplomacy"
    );
    assert!(
        reply.entries[0].text.contains("**"),
        "the quote is in bold: {}",
        reply.entries[0].text
    );
    assert_eq!(reply.prompt.map(|p| p.section), Some(13));
}

#[test]
fn every_prompt_has_a_passage_that_contains_its_quote() {
    let text = engine().text();
    let mut checked = 0;
    for prompt in text.prompts() {
        let Some(quote) = &prompt.quote else { continue };
        let others: Vec<PromptId> = text
            .prompts()
            .map(|p| p.id)
            .filter(|id| *id != prompt.id)
            .collect();
        let reply = ask_with(
            &format!("/question section:{}", prompt.id.section),
            &Context {
                seed: 1,
                recent_prompts: others,
                ..Context::default()
            },
        );
        assert_eq!(reply.prompt, Some(prompt.id));
        assert!(
            reply.entries[0].text.contains(&format!("**{quote}**")),
            "{}: {}",
            prompt.id,
            reply.entries[0].text
        );
        checked += 1;
    }
    assert!(checked >= 56, "{checked}");
}

#[test]
fn calls_without_options_vary() {
    let shown: HashSet<_> = (0..20)
        .map(|seed| {
            ask_with(
                "/question",
                &Context {
                    seed,
                    recent_prompts: vec![],
                    ..Context::default()
                },
            )
            .prompt
        })
        .collect();
    assert!(shown.len() >= 10, "{shown:?}");
}

#[test]
fn the_prompt_just_shown_is_never_shown_again_immediately() {
    let mut recent = Vec::new();
    let mut previous = None;
    for seed in 0..200 {
        let reply = ask_with(
            "/question",
            &Context {
                seed: seed % 3,
                recent_prompts: recent.clone(),
                ..Context::default()
            },
        );
        assert_ne!(reply.prompt, previous, "seed {seed}");
        previous = reply.prompt;
        recent.push(reply.prompt.unwrap());
    }
}

#[test]
fn another_prompt_gives_a_different_prompt_of_the_same_scope() {
    let first = ask("/question actor:israel");
    let button = first
        .all_buttons()
        .find(|b| b.label == "Another prompt")
        .expect("button");
    assert!(
        button.custom_id.starts_with("v1:prompt:a=israel:"),
        "{}",
        button.custom_id
    );
    for _ in 0..10 {
        let next = press(&button.custom_id);
        assert_ne!(next.prompt, first.prompt);
        assert!(about_actor(next.prompt.unwrap(), "israel"));
    }
}

#[test]
fn an_actor_filter_accepts_aliases() {
    let reply = ask("/question actor:tehran");
    assert!(about_actor(reply.prompt.unwrap(), "iran"));
}

#[test]
fn a_theme_filter_picks_prompts_on_that_theme() {
    for seed in 0..10 {
        let reply = ask_with(
            "/question theme:energy",
            &Context {
                seed,
                recent_prompts: vec![],
                ..Context::default()
            },
        );
        let prompt = engine()
            .text()
            .prompt(reply.prompt.expect("a prompt"))
            .unwrap();
        let section = engine().text().section(prompt.id.section).unwrap();
        assert!(
            prompt
                .themes
                .iter()
                .chain(&section.themes)
                .any(|t| t == "energy-hormuz"),
            "{}",
            prompt.id
        );
    }
}

#[test]
fn options_combine() {
    let reply = ask("/question section:11 actor:israel");
    assert_eq!(reply.prompt.map(|p| p.section), Some(11));
}

#[test]
fn the_texts_own_questions_are_quoted_as_such() {
    let text = engine().text();
    let own = text
        .prompts()
        .find(|p| p.from_text)
        .expect("a question from the text");
    let others: Vec<PromptId> = text
        .prompts()
        .map(|p| p.id)
        .filter(|id| *id != own.id)
        .collect();
    let reply = ask_with(
        &format!("/question section:{}", own.id.section),
        &Context {
            seed: 0,
            recent_prompts: others,
            ..Context::default()
        },
    );
    assert!(
        reply.body.starts_with("The text asks:\n> "),
        "{}",
        reply.body
    );
}

#[test]
fn impossible_filters_get_a_private_explanation() {
    let unknown_actor = ask("/question actor:napoleon");
    assert!(unknown_actor.private);
    assert!(unknown_actor.body.contains("napoleon"));
    let unknown_theme = ask("/question theme:astrology");
    assert!(unknown_theme.private);
    let out_of_range = ask("/question section:99");
    assert!(out_of_range.private);
    assert!(out_of_range.body.contains("1 to 28"));
}

#[test]
fn every_section_has_at_least_two_prompts() {
    for section in &engine().text().sections {
        assert!(section.prompts.len() >= 2, "§{}", section.number);
    }
}

#[test]
fn only_what_can_show_a_prompt_needs_the_recent_prompts() {
    let engine = crate::support::engine();
    for (line, expected) in [
        ("/question", true),
        ("/actor iran", true),
        ("/search oil", false),
        ("/section 13", false),
        ("/outline", false),
    ] {
        let invocation =
            seminar_core::engine::invocation::parse_line(line, engine.commands()).unwrap();
        assert_eq!(
            engine.command_shows_prompts(&invocation),
            expected,
            "{line}"
        );
    }
    let another = ask("/question section:13")
        .all_buttons()
        .find(|b| b.custom_id.starts_with("v1:prompt:"))
        .expect("an Another prompt button")
        .custom_id
        .clone();
    assert!(engine.press_shows_prompts(&another));
    assert!(!engine.press_shows_prompts("v1:page:8:2"));
}
