//! The spoiler guard (a group reading up to §n sees `/search`, `/actor` and `/question` draw only
//! on §1–§n unless it asks for `spoilers:true`) and the server's own prompts beside the text's.

use std::collections::HashSet;

use crate::support::{ask, ask_with, cited, enabled_button, engine, shown};
use seminar_core::content::model::{Prompt, PromptId};
use seminar_core::engine::custom_id::PromptScope;
use seminar_core::engine::guard::in_scope;
use seminar_core::engine::search::PAGE_SIZE;
use seminar_core::engine::{Context, Reply};

fn reading(limit: u32) -> Context {
    Context {
        reading: Some(limit),
        ..Context::default()
    }
}

fn press(custom_id: &str, context: &Context) -> Reply {
    engine()
        .press(custom_id, context)
        .expect("no internal error")
}

/// Every section a search cites, page after page, pressing "More results" in the same context.
fn all_results(line: &str, context: &Context) -> Vec<u32> {
    let mut reply = ask_with(line, context);
    let mut sections = cited(&reply);
    while let Some(more) = enabled_button(&reply, "More results") {
        reply = press(&more, context);
        sections.extend(cited(&reply));
    }
    sections
}

/// A reading position with sections on both sides of it among `sections`.
fn limit_inside(sections: &[u32]) -> u32 {
    let mut sorted = sections.to_vec();
    sorted.sort_unstable();
    let limit = sorted[(sorted.len() - 1) / 2];
    assert!(sorted.iter().any(|s| *s > limit), "{sorted:?}");
    limit
}

/// The second page's worth of `sections`.
fn second_page(sections: &[u32]) -> Vec<u32> {
    sections
        .iter()
        .skip(PAGE_SIZE)
        .take(PAGE_SIZE)
        .copied()
        .collect()
}

/// "1 section matches" or "3 sections match".
fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// A prompt the server approved, about `section`.
fn server_prompt(section: u32, suggestion: u32) -> Prompt {
    Prompt {
        id: PromptId::server(section, suggestion),
        text: format!("What would our group have done here ({suggestion})?"),
        actors: vec![],
        themes: vec![],
        quote: None,
        from_text: false,
    }
}

/// The prompt scope of an actor.
fn about(actor: &str) -> PromptScope {
    PromptScope {
        actor: Some(actor.to_string()),
        ..PromptScope::default()
    }
}

fn text_prompts_of(section: u32) -> Vec<PromptId> {
    let section = engine().text().section(section).unwrap();
    section.prompts.iter().map(|p| p.id).collect()
}

#[test]
fn search_drops_later_sections_and_says_how_many() {
    let all = all_results("/search power", &Context::default());
    let limit = limit_inside(&all);
    let kept: Vec<u32> = all.iter().copied().filter(|s| *s <= limit).collect();
    assert_eq!(all_results("/search power", &reading(limit)), kept);
    let held = all.len() - kept.len();
    let note = format!(
        "{} past §{limit}, where your group is reading; add `spoilers:true` to include them.",
        counted(held, "more section matches", "more sections match")
    );
    let first = ask_with("/search power", &reading(limit));
    assert_eq!(first.note.as_deref(), Some(note.as_str()));
}

#[test]
fn spoilers_true_or_no_reading_position_searches_everything() {
    let plain = ask("/search power");
    let limit = limit_inside(&all_results("/search power", &Context::default()));
    let lifted = ask_with("/search power spoilers:true", &reading(limit));
    assert_eq!(
        (&lifted.title, &lifted.body, &lifted.entries, &lifted.footer),
        (&plain.title, &plain.body, &plain.entries, &plain.footer)
    );
    assert_eq!(ask_with("/search power", &Context::default()), plain);
}

#[test]
fn a_search_matching_only_later_sections_says_so() {
    let all = all_results("/search hezbollah", &Context::default());
    let limit = all.iter().min().unwrap() - 1;
    assert!(limit >= 1, "{all:?}");
    let reply = ask_with("/search hezbollah", &reading(limit));
    assert!(reply.private);
    assert!(reply.entries.is_empty());
    assert_eq!(
        reply.body,
        format!(
            "Only later sections match “hezbollah”: {} past §{limit}, where your group is reading. Add `spoilers:true` to see them.",
            counted(all.len(), "section", "sections")
        )
    );
}

#[test]
fn more_results_applies_the_guard_given_at_press_time() {
    let all = all_results("/search power", &Context::default());
    let limit = limit_inside(&all);
    let kept: Vec<u32> = all.iter().copied().filter(|s| *s <= limit).collect();
    assert!(kept.len() > PAGE_SIZE, "{kept:?}");
    let first = ask_with("/search power", &reading(limit));
    let more = enabled_button(&first, "More results").expect("a second page");
    assert_eq!(more, "v1:search:2:power");
    let guarded = press(&more, &reading(limit));
    assert_eq!(cited(&guarded), second_page(&kept));
    let unguarded = press(&more, &Context::default());
    assert_eq!(cited(&unguarded), second_page(&all));
}

#[test]
fn the_spoilers_flag_survives_paging() {
    let limit = limit_inside(&all_results("/search power", &Context::default()));
    let first = ask_with("/search power spoilers:true", &reading(limit));
    let more = enabled_button(&first, "More results").expect("a second page");
    assert_eq!(more, "v1:search:2+:power");
    let second = press(&more, &reading(limit));
    assert_eq!(
        second.entries,
        press("v1:search:2:power", &Context::default()).entries
    );
    assert_eq!(
        enabled_button(&second, "◀ Previous").as_deref(),
        Some("v1:search:1+:power")
    );
}

#[test]
fn an_actor_profile_ranks_only_sections_reached_and_counts_the_rest() {
    let text = engine().text();
    let iran = text.actor("iran").unwrap();
    let ranked: Vec<u32> = seminar_core::engine::actor::rank(&engine().book(), iran)
        .iter()
        .map(|r| r.section.number)
        .collect();
    let limit = limit_inside(&ranked);
    let kept: Vec<u32> = ranked.iter().copied().filter(|s| *s <= limit).collect();
    let reply = ask_with("/actor iran", &reading(limit));
    let listed: Vec<u32> = reply
        .body
        .lines()
        .filter_map(|l| l.split_once(". §")?.1.split(' ').next()?.parse().ok())
        .collect();
    assert_eq!(listed, kept.iter().take(5).copied().collect::<Vec<_>>());
    let passages: Vec<u32> = cited(&reply);
    assert_eq!(
        passages,
        kept.iter()
            .take(passages.len())
            .copied()
            .collect::<Vec<_>>()
    );
    assert!(reply.prompt.is_some_and(|p| p.section <= limit));
    let held = counted(
        ranked.len() - kept.len(),
        "more section discusses",
        "more sections discuss",
    );
    let note = format!(
        "{held} them past §{limit}, where your group is reading; add `spoilers:true` to include them."
    );
    assert_eq!(reply.note.as_deref(), Some(note.as_str()));
}

#[test]
fn an_actor_discussed_only_later_is_said_to_be() {
    let text = engine().text();
    let (actor, ranked) = text
        .actors
        .iter()
        .map(|a| (a, seminar_core::engine::actor::rank(&engine().book(), a)))
        .max_by_key(|(_, r)| r.iter().map(|r| r.section.number).min().unwrap_or(0))
        .unwrap();
    let limit = ranked.iter().map(|r| r.section.number).min().unwrap() - 1;
    assert!(limit >= 1);
    let reply = ask_with(&format!("/actor {}", actor.name), &reading(limit));
    assert!(
        reply.body.ends_with(&format!(
            "The text discusses them only in later sections: {} past §{limit}, where your group is reading. Add `spoilers:true` to see them.",
            counted(ranked.len(), "section", "sections")
        )),
        "{}",
        reply.body
    );
    assert!(cited(&reply).is_empty());
    assert!(reply.all_buttons().all(|b| !b.label.starts_with("Read")));
}

#[test]
fn a_question_about_a_later_section_is_refused_privately() {
    let reply = ask_with("/question section:13", &reading(5));
    assert!(reply.private);
    assert_eq!(
        reply.body,
        "Your group is reading up to §5, and §13 comes later. Add `spoilers:true` for a prompt about it anyway: `/question section:13 spoilers:true`."
    );
    let lifted = ask_with("/question section:13 spoilers:true", &reading(5));
    assert_eq!(lifted.prompt.map(|p| p.section), Some(13));
}

#[test]
fn question_candidates_are_never_past_the_reading_position() {
    for seed in 0..300 {
        let context = Context { seed, ..reading(7) };
        for line in [
            "/question",
            "/question actor:iran",
            "/question theme:energy",
        ] {
            let reply = ask_with(line, &context);
            assert!(
                reply.prompt.is_some_and(|p| p.section <= 7),
                "{line} {seed}"
            );
            let another = enabled_button(&reply, "Another prompt").unwrap();
            let next = press(&another, &context);
            assert!(
                next.prompt.is_some_and(|p| p.section <= 7),
                "{another} {seed}"
            );
        }
    }
}

#[test]
fn a_scope_with_prompts_only_later_says_so() {
    let text = engine().text();
    let (actor, limit) = text
        .actors
        .iter()
        .map(|a| {
            let first = in_scope(text, &[], &about(&a.id))
                .iter()
                .map(|p| p.id.section)
                .min();
            (a, first.unwrap_or(0).saturating_sub(1))
        })
        .max_by_key(|(_, limit)| *limit)
        .unwrap();
    assert!(limit >= 1);
    let reply = ask_with(&format!("/question actor:{}", actor.name), &reading(limit));
    assert!(reply.private);
    assert_eq!(
        reply.body,
        format!(
            "Every prompt about {} comes from a section past §{limit}, where your group is reading; add `spoilers:true` to include them.",
            actor.name
        )
    );
}

#[test]
fn another_prompt_keeps_the_spoilers_flag() {
    let first = ask_with("/question spoilers:true", &reading(3));
    let another = enabled_button(&first, "Another prompt").unwrap();
    assert!(another.starts_with("v1:prompt:+:"), "{another}");
    let later = (0..50)
        .filter_map(|seed| press(&another, &Context { seed, ..reading(3) }).prompt)
        .filter(|p| p.section > 3)
        .count();
    assert!(later > 0);
}

/// `/question section:13` when every prompt of the text's §13 was shown and the server has one.
fn only_a_server_prompt_is_fresh() -> Reply {
    let context = Context {
        recent_prompts: text_prompts_of(13),
        server_prompts: vec![server_prompt(13, 7)],
        ..Context::default()
    };
    ask_with("/question section:13", &context)
}

#[test]
fn a_server_prompt_is_chosen_when_it_is_the_only_fresh_candidate() {
    let reply = only_a_server_prompt_is_fresh();
    assert_eq!(reply.prompt, Some(PromptId::server(13, 7)));
    assert_eq!(reply.body, "**What would our group have done here (7)?**");
    assert_eq!(reply.title.as_deref(), Some("For discussion · §13"));
}

#[test]
fn a_server_prompt_says_it_was_suggested_here() {
    let reply = only_a_server_prompt_is_fresh();
    assert_eq!(reply.footer.as_deref(), Some("Suggested in this server"));
    assert!(!shown(&reply).contains("1000007"));
}

#[test]
fn server_prompts_take_their_turn_with_the_texts() {
    let server = vec![server_prompt(13, 1), server_prompt(13, 2)];
    let mut expected: HashSet<PromptId> = text_prompts_of(13).into_iter().collect();
    expected.extend(server.iter().map(|p| p.id));
    let mut recent = Vec::new();
    for seed in 0..expected.len() as u64 {
        let context = Context {
            seed,
            recent_prompts: recent.clone(),
            server_prompts: server.clone(),
            ..Context::default()
        };
        recent.push(ask_with("/question section:13", &context).prompt.unwrap());
    }
    assert_eq!(recent.iter().copied().collect::<HashSet<_>>(), expected);
}

#[test]
fn server_prompts_follow_the_actor_scope_and_the_guard() {
    let text = engine().text();
    let tagged = |n: u32| text.section(n).unwrap().actors.iter().any(|a| a == "iran");
    let early = (1..=5).find(|n| tagged(*n)).unwrap();
    let untagged = (1..=5).find(|n| !tagged(*n)).unwrap();
    let late = (6..=text.last_section()).find(|n| tagged(*n)).unwrap();
    let server = vec![
        server_prompt(early, 1),
        server_prompt(untagged, 2),
        server_prompt(late, 3),
    ];
    let scope = about("iran");
    let recent: Vec<PromptId> = in_scope(text, &[], &scope).iter().map(|p| p.id).collect();
    for seed in 0..20 {
        let context = Context {
            seed,
            recent_prompts: recent.clone(),
            server_prompts: server.clone(),
            ..reading(5)
        };
        let reply = ask_with("/question actor:iran", &context);
        assert_eq!(reply.prompt, Some(server[0].id), "{seed}");
    }
}

#[test]
fn an_actor_profile_may_offer_a_server_prompt() {
    let text = engine().text();
    let scope = about("iran");
    let section = in_scope(text, &[], &scope)[0].id.section;
    let context = Context {
        recent_prompts: in_scope(text, &[], &scope).iter().map(|p| p.id).collect(),
        server_prompts: vec![server_prompt(section, 4)],
        ..Context::default()
    };
    let reply = ask_with("/actor iran", &context);
    assert_eq!(reply.prompt, Some(PromptId::server(section, 4)));
    let heading = format!("For discussion (§{section}, suggested in this server)");
    assert!(
        reply.entries.iter().any(|e| e.heading == heading),
        "{}",
        shown(&reply)
    );
}

#[test]
fn buttons_from_before_the_flag_still_work() {
    let all = all_results("/search power", &Context::default());
    let limit = limit_inside(&all);
    let old = press("v1:search:2:power", &reading(limit));
    assert!(cited(&old).iter().all(|s| *s <= limit), "{:?}", cited(&old));
    let prompt = press("v1:prompt:s=13:13.1", &Context::default());
    assert_eq!(prompt.prompt.map(|p| p.section), Some(13));
    assert_ne!(prompt.prompt.map(|p| p.ordinal), Some(1));
}

#[test]
fn reading_a_section_is_never_guarded() {
    let reply = ask_with("/section 20", &reading(5));
    assert!(!reply.private);
    assert!(reply.title.unwrap().starts_with("§20 "));
    assert!(
        press("v1:open:20", &reading(5))
            .title
            .unwrap()
            .starts_with("§20 ")
    );
}
