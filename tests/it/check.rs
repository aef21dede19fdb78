//! `seminar check`: every content problem reported with its file and line, and a non-zero exit.

use std::fs;
use std::path::Path;

use crate::support::{seminar, stderr, stdout};

const TEXT_TOML: &str = r#"title = "A Small Text"

[[parts]]
number = 1
title = "All"
first = 1
last = 2

[[actors]]
id = "iran"
name = "Iran"
aliases = ["Tehran"]
description = "A state."
"#;

fn section(number: u32, extra: &str, body: &str) -> String {
    format!(
        "+++\nnumber = {number}\ntitle = \"Section {number}\"\n{extra}\n[[prompts]]\ntext = \"Why?\"\n\n[[prompts]]\ntext = \"Why not?\"\n+++\n\n{body}\n"
    )
}

/// A valid two-section text; `change` may then break it.
fn text_dir(change: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("text.toml"), TEXT_TOML).unwrap();
    fs::create_dir(dir.path().join("sections")).unwrap();
    fs::write(
        dir.path().join("sections/01-one.md"),
        section(1, "", "Iran talks."),
    )
    .unwrap();
    fs::write(
        dir.path().join("sections/02-two.md"),
        section(2, "", "Tehran waits."),
    )
    .unwrap();
    change(dir.path());
    dir
}

fn check(dir: &Path) -> (bool, String) {
    let output = seminar(&["check", dir.to_str().unwrap()]);
    (
        output.status.success(),
        format!("{}{}", stdout(&output), stderr(&output)),
    )
}

#[test]
fn valid_content_passes() {
    let dir = text_dir(|_| {});
    let (ok, report) = check(dir.path());
    assert!(ok, "{report}");
    assert!(
        report.starts_with("ok: 1 text(s), 2 section(s), 4 prompt(s), 0 warning(s)"),
        "{report}"
    );
}

#[test]
fn the_bundled_content_passes_without_warnings() {
    let output = seminar(&["check"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("2 text(s), 113 section(s)"),
        "{}",
        stdout(&output)
    );
    assert!(stdout(&output).contains(", 0 warning(s)"));
}

#[test]
fn an_unknown_actor_in_a_prompt_is_reported_at_its_line() {
    let dir = text_dir(|d| {
        let file = "+++\nnumber = 2\ntitle = \"Two\"\n\n[[prompts]]\ntext = \"Q?\"\nactors = [\"irann\"]\n\n[[prompts]]\ntext = \"R?\"\n+++\n\nBody.\n";
        fs::write(d.join("sections/02-two.md"), file).unwrap();
    });
    let (ok, report) = check(dir.path());
    assert!(!ok);
    let expected = format!(
        "{}:7: error: unknown actor \"irann\" (known: iran)",
        dir.path().join("sections/02-two.md").display()
    );
    assert!(report.contains(&expected), "{report}");
}

#[test]
fn a_duplicate_section_number_names_both_files() {
    let dir =
        text_dir(|d| fs::write(d.join("sections/03-again.md"), section(2, "", "Again.")).unwrap());
    let (ok, report) = check(dir.path());
    assert!(!ok);
    assert!(
        report.contains("03-again.md:2: error: duplicate section number 2 (also in "),
        "{report}"
    );
    assert!(report.contains("02-two.md)"), "{report}");
}

#[test]
fn an_empty_section_is_reported_where_its_body_should_be() {
    let dir = text_dir(|d| fs::write(d.join("sections/02-two.md"), section(2, "", "")).unwrap());
    let (ok, report) = check(dir.path());
    assert!(!ok);
    assert!(
        report.contains("02-two.md:11: error: the section is empty"),
        "{report}"
    );
}

#[test]
fn bad_toml_is_reported_at_its_line() {
    let dir = text_dir(|d| {
        fs::write(
            d.join("text.toml"),
            "title = \"T\"\n\n[[actors]]\nid = iran\n",
        )
        .unwrap()
    });
    let (ok, report) = check(dir.path());
    assert!(!ok);
    assert!(
        report.contains("text.toml:4: error: invalid TOML"),
        "{report}"
    );
}

#[test]
fn an_unknown_key_is_reported_rather_than_ignored() {
    let dir = text_dir(|d| {
        fs::write(
            d.join("sections/01-one.md"),
            section(1, "keyword = [\"x\"]", "Body."),
        )
        .unwrap()
    });
    let (ok, report) = check(dir.path());
    assert!(!ok);
    assert!(
        report.contains("01-one.md:4: error: invalid TOML: unknown field `keyword`"),
        "{report}"
    );
}

#[test]
fn a_gap_in_the_numbering_is_reported() {
    let dir = text_dir(|d| {
        fs::remove_file(d.join("sections/01-one.md")).unwrap();
        fs::write(d.join("sections/03-three.md"), section(3, "", "Three.")).unwrap();
    });
    let (ok, report) = check(dir.path());
    assert!(!ok);
    assert!(report.contains("error: section 1 is missing"), "{report}");
}

#[test]
fn a_quote_that_is_not_in_the_section_is_reported() {
    let dir = text_dir(|d| {
        let file = "+++\nnumber = 1\ntitle = \"One\"\n\n[[prompts]]\ntext = \"Q?\"\nquote = \"not in the text\"\n\n[[prompts]]\ntext = \"R?\"\n+++\n\nIran talks.\n";
        fs::write(d.join("sections/01-one.md"), file).unwrap();
    });
    let (ok, report) = check(dir.path());
    assert!(!ok);
    assert!(report.contains("01-one.md:5: error: the prompt's quote \"not in the text\" is not in the section's text"), "{report}");
}

#[test]
fn sections_outside_every_part_are_reported() {
    let dir =
        text_dir(|d| fs::write(d.join("sections/03-three.md"), section(3, "", "Three.")).unwrap());
    let (ok, report) = check(dir.path());
    assert!(!ok);
    assert!(
        report.contains("text.toml: error: sections 3 belong to no part"),
        "{report}"
    );
}

#[test]
fn an_alias_shared_by_two_actors_is_reported() {
    let dir = text_dir(|d| {
        let toml = format!(
            "{TEXT_TOML}\n[[actors]]\nid = \"persia\"\nname = \"Persia\"\naliases = [\"tehran\"]\ndescription = \"x\"\n"
        );
        fs::write(d.join("text.toml"), toml).unwrap();
    });
    let (ok, report) = check(dir.path());
    assert!(!ok);
    assert!(report.contains("text.toml:15: error: name \"tehran\" of actor \"persia\" is already a name of actor \"iran\""), "{report}");
}

#[test]
fn too_few_prompts_is_a_warning_not_an_error() {
    let dir = text_dir(|d| {
        fs::write(
            d.join("sections/02-two.md"),
            "+++\nnumber = 2\ntitle = \"Two\"\n+++\n\nBody.\n",
        )
        .unwrap()
    });
    let (ok, report) = check(dir.path());
    assert!(ok, "{report}");
    assert!(
        report.contains("02-two.md:2: warning: the section has 0 prompt(s)"),
        "{report}"
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let dir = text_dir(|d| {
        fs::write(
            d.join("sections/01-one.md"),
            section(1, "actors = [\"nobody\"]\nthemes = [\"none\"]", ""),
        )
        .unwrap();
    });
    let (_, report) = check(dir.path());
    assert!(report.contains("unknown actor \"nobody\""));
    assert!(report.contains("unknown theme \"none\""));
    assert!(report.contains("the section is empty"));
    assert!(report.contains("3 error(s)"), "{report}");
}

#[test]
fn a_directory_without_a_text_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, report) = check(dir.path());
    assert!(!ok);
    assert!(
        report.contains("no text here: expected text.toml"),
        "{report}"
    );
}
