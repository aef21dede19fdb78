//! Properties: no command line, button id or content — however odd — panics or produces a body
//! Discord would refuse.

use std::fs;

use crate::support::discord::assert_valid_callback;
use crate::support::engine;
use proptest::prelude::*;
use seminar_core::content::load_library;
use seminar_core::engine::invocation::{parse_line, parse_partial};
use seminar_core::engine::{Context, Engine, Reply};
use seminar_core::render::discord;

const COMMANDS: &[&str] = &[
    "/section",
    "/actor",
    "/question",
    "/search",
    "/outline",
    "/help",
    "/nope",
    "section",
    "",
];
const KEYS: &[&str] = &[
    "number", "title", "name", "section", "actor", "theme", "query", "command", "private", "x",
];

fn line() -> impl Strategy<Value = String> {
    let option = (prop::sample::select(KEYS), any::<String>(), any::<bool>()).prop_map(
        |(key, value, keyed)| {
            if keyed {
                format!("{key}:{value}")
            } else {
                value
            }
        },
    );
    prop_oneof![
        (
            prop::sample::select(COMMANDS),
            prop::collection::vec(option, 0..4)
        )
            .prop_map(|(command, options)| format!("{command} {}", options.join(" "))),
        any::<String>(),
        "[/a-z0-9 :\"'()*~§—“”@<>#_-]{0,60}",
    ]
}

fn answer(engine: &Engine, line: &str, seed: u64) -> Reply {
    let context = Context {
        seed,
        recent_prompts: vec![],
        ..Context::default()
    };
    match parse_line(line, engine.commands()) {
        Ok(invocation) => engine
            .answer(&invocation, &context)
            .expect("no internal error"),
        Err(message) => Reply::user_error(message),
    }
}

fn assert_line_is_answered_validly(engine: &Engine, line: &str, seed: u64) {
    let reply = answer(engine, line, seed);
    assert_valid_callback(&discord::command_response(&reply));
    for button in reply.all_buttons() {
        assert!(button.custom_id.len() <= 100);
    }
    if let Ok(invocation) = parse_partial(line, engine.commands()) {
        assert_valid_callback(&discord::autocomplete_response(
            &engine.complete(&invocation, &Default::default()),
        ));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_command_line_gets_a_valid_body(line in line(), seed in any::<u64>()) {
        assert_line_is_answered_validly(engine(), &line, seed);
    }

    #[test]
    fn any_button_id_gets_a_valid_body(id in prop_oneof![
        any::<String>(),
        "v1:(page|open|prompt|search):[0-9a-z=,.:-]{0,30}",
    ], seed in any::<u64>()) {
        let reply = engine().press(&id, &Context { seed, ..Context::default() }).expect("no internal error");
        assert_valid_callback(&discord::press_response(&reply));
    }
}

/// A random text: sections of random paragraphs and lists, actors with random names, prompts
/// referring to them.
fn content() -> impl Strategy<Value = (Vec<(String, Vec<String>)>, Vec<String>)> {
    let word = "[A-Za-zÀ-ÿ]{1,9}";
    let paragraph = prop_oneof![
        prop::collection::vec(word, 1..30).prop_map(|w| format!("{}.", w.join(" "))),
        prop::collection::vec(word, 1..5).prop_map(|items| items
            .iter()
            .map(|i| format!("- {i}"))
            .collect::<Vec<_>>()
            .join("\n")),
        any::<String>().prop_map(|s| s.replace("+++", "").replace('\r', "")),
    ];
    let section = (
        "[A-Z][a-z]{0,8}( [A-Za-z’\"—-]{1,8}){0,6}",
        prop::collection::vec(paragraph, 1..8),
    );
    (
        prop::collection::vec(section, 1..6),
        prop::collection::btree_set("[a-z]{3,8}", 0..4).prop_map(|s| s.into_iter().collect()),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_content_loads_or_is_refused_cleanly_and_then_answers_validly(
        (sections, actors) in content(),
        lines in prop::collection::vec(line(), 1..6),
        fault in 0..4u8,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut toml = String::from("title = \"Random\"\n");
        for actor in &actors {
            toml.push_str(&format!("\n[[actors]]\nid = \"{actor}\"\nname = \"{actor}\"\ndescription = \"d\"\n"));
        }
        fs::write(dir.path().join("text.toml"), toml).unwrap();
        fs::create_dir(dir.path().join("sections")).unwrap();
        for (i, (title, paragraphs)) in sections.iter().enumerate() {
            let n = i + 1;
            let actor_refs: Vec<String> = actors.iter().take(1).map(|a| format!("\"{a}\"")).collect();
            let front = format!(
                "number = {n}\ntitle = {}\nactors = [{}]\n\n[[prompts]]\ntext = \"What about {n}?\"\n\n[[prompts]]\ntext = \"Why {n}?\"\n",
                toml::Value::String(title.clone()),
                actor_refs.join(", ")
            );
            fs::write(dir.path().join(format!("sections/{n:02}.md")), format!("+++\n{front}+++\n\n{}\n", paragraphs.join("\n\n"))).unwrap();
        }
        match fault {
            1 => fs::write(dir.path().join("sections/01.md"), "+++\nnumber = 1\ntitle = \"T\"\nactors = [\"nobody-at-all\"]\n+++\n\nBody.\n").unwrap(),
            2 => fs::write(dir.path().join("sections/99.md"), "+++\nnumber = 1\ntitle = \"Again\"\n+++\n\nBody.\n").unwrap(),
            3 => fs::write(dir.path().join("text.toml"), "title = \n").unwrap(),
            _ => {}
        }
        match load_library(dir.path()) {
            Err(error) => prop_assert!(error.to_string().contains("error:")),
            Ok(_) if fault > 0 => prop_assert!(false, "fault {} was not reported", fault),
            Ok(library) => {
                let engine = Engine::new(library).expect("a loaded library indexes");
                for (seed, line) in lines.iter().enumerate() {
                    assert_line_is_answered_validly(&engine, line, seed as u64);
                }
                for line in ["/section 1", "/outline", "/question", "/search a", "/help"] {
                    assert_line_is_answered_validly(&engine, line, 0);
                }
                for actor in &actors {
                    assert_line_is_answered_validly(&engine, &format!("/actor {actor}"), 0);
                }
            }
        }
    }
}
