//! The `seminar` binary: `ask`, `press`, `complete`, `console`, `commands`, `eval`, its help (no
//! lab commands) and their exit codes.

use crate::support::discord::{assert_valid, assert_valid_callback};
use crate::support::{seminar, seminar_in_env, seminar_with_stdin, stderr, stdout};
use serde_json::Value;

fn json(output: &std::process::Output) -> Value {
    serde_json::from_str(stdout(output).trim())
        .unwrap_or_else(|e| panic!("{e}: {}", stdout(output)))
}

#[test]
fn ask_prints_the_answer_for_a_terminal() {
    let output = seminar(&["ask", "/section 13"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("§13 The Economics Beneath the Diplomacy\n"),
        "{text}"
    );
    assert!(!text.contains("**"));
}

#[test]
fn ask_json_prints_the_exact_callback_body() {
    let output = seminar(&["ask", "--json", "/search strait of hormuz"]);
    assert!(output.status.success());
    let body = json(&output);
    assert_eq!(body["type"], 4);
    assert_valid_callback(&body);
}

#[test]
fn ask_takes_the_rest_of_the_line_for_the_first_required_option() {
    let output = seminar(&["ask", "/actor jd vance"]);
    assert!(
        stdout(&output).starts_with("JD Vance\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn ask_accepts_key_value_options_in_any_order() {
    let output = seminar(&["ask", "--json", "/question actor:iran section:12"]);
    let body = json(&output);
    let title = fake_discord::schema::title(&body["data"]).unwrap();
    assert_eq!(title, "For discussion · §12");
}

#[test]
fn ask_accepts_the_line_as_several_arguments() {
    let output = seminar(&["ask", "/section", "13"]);
    assert!(stdout(&output).starts_with("§13 "));
}

#[test]
fn a_user_mistake_exits_zero_with_the_ephemeral_reply() {
    let output = seminar(&["ask", "--json", "/section 99"]);
    assert!(output.status.success());
    let body = json(&output);
    assert_eq!(body["data"]["flags"], 64 | (1 << 15));
    let text = seminar(&["ask", "/actor napoleon"]);
    assert!(text.status.success());
    assert!(stdout(&text).contains("I don't know an actor called “napoleon”."));
}

#[test]
fn unreadable_content_exits_non_zero_with_a_clear_message() {
    let output = seminar(&["--content", "/nonexistent/seminar", "ask", "/outline"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("cannot load the content in /nonexistent/seminar"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn press_answers_a_button_with_an_update() {
    let output = seminar(&["press", "--json", "v1:page:8:2"]);
    assert!(output.status.success());
    let body = json(&output);
    assert_eq!(body["type"], 7);
    assert_valid_callback(&body);
    assert!(stdout(&seminar(&["press", "v1:open:14"])).starts_with("§14 The Multipolar Shadow"));
}

#[test]
fn complete_suggests_values_for_the_last_option() {
    let output = seminar(&["complete", "--json", "/section title:misr"]);
    let body = json(&output);
    assert_eq!(body["type"], 8);
    assert_eq!(
        body["data"]["choices"][0]["name"],
        "§15 The Risk of Misreading the Moment"
    );
    assert_valid_callback(&body);
    let text = stdout(&seminar(&["complete", "/actor teh"]));
    assert!(text.starts_with("Iran ("), "{text}");
}

#[test]
fn the_console_answers_one_command_per_line_from_a_pipe() {
    let output = seminar_with_stdin(
        &["console"],
        Some("/section 13\n/actor tehran\n\n/outline\n"),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("§13 The Economics Beneath the Diplomacy"));
    assert!(text.contains("Where they matter most"));
    assert!(text.contains("Part III: "));
    assert!(
        !text.contains("seminar> "),
        "no prompt when stdin is not a terminal"
    );
}

#[test]
fn the_console_presses_buttons_by_number() {
    let output = seminar_with_stdin(&["console"], Some("/section 8\n2\n"));
    let text = stdout(&output);
    assert!(text.contains("page 2 of 2"), "{text}");
}

#[test]
fn the_console_json_mode_prints_one_body_per_line() {
    let output = seminar_with_stdin(
        &["console", "--json"],
        Some("/section 1\n/question\npress v1:open:2\n"),
    );
    let bodies: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(bodies.len(), 3);
    assert_eq!(bodies[2]["type"], 7);
    for body in &bodies {
        assert_valid_callback(body);
    }
}

#[test]
fn commands_prints_the_registration_array() {
    let output = seminar(&["commands"]);
    assert!(output.status.success());
    let body = json(&output);
    for command in body.as_array().unwrap() {
        assert_valid("ApplicationCommandCreateRequest", command);
    }
}

#[test]
fn two_questions_in_a_row_differ() {
    let state = tempfile::tempdir().unwrap();
    let dir = state.path().to_str().unwrap();
    let ask = || {
        json(&seminar_in_env(
            &["ask", "--json", "/question"],
            None,
            &[("SEMINAR_STATE_DIR", dir)],
        ))
    };
    let first = ask();
    let second = ask();
    assert_ne!(
        fake_discord::schema::footer(&first["data"]),
        fake_discord::schema::footer(&second["data"])
    );
}

#[test]
fn help_flags_describe_every_subcommand() {
    let text = stdout(&seminar(&["--help"]));
    for sub in [
        "ask", "press", "complete", "console", "commands", "check", "import", "eval", "run",
        "serve", "register", "backup",
    ] {
        assert!(
            text.contains(&format!("\n  {sub} ")),
            "{sub} missing from:\n{text}"
        );
    }
}

/// The names `seminar --help` lists under "Commands:".
fn listed_commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

#[test]
fn help_lists_no_lab_command() {
    let text = stdout(&seminar(&["--help"]));
    let listed = listed_commands(&text);
    assert!(listed.contains(&"ask".to_string()), "{listed:?}");
    for lab in ["bench", "bench-http", "gen-library"] {
        assert!(!listed.iter().any(|c| c == lab), "{lab} in {listed:?}");
        assert!(!seminar(&[lab, "--help"]).status.success(), "{lab}");
    }
}

#[test]
fn import_turns_the_raw_essay_into_a_content_directory_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("essay");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/corpora/us-iran-talks.txt"
    );
    let output = seminar(&["import", fixture, "--out", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("28 section(s)"), "{text}");
    assert!(text.contains("dropped trailing web boilerplate"), "{text}");
    assert!(
        text.contains("sections 15 and 26 share the title"),
        "{text}"
    );
    assert!(seminar(&["check", out.to_str().unwrap()]).status.success());
    let answer = seminar(&["--content", out.to_str().unwrap(), "ask", "/section 12"]);
    assert!(
        stdout(&answer)
            .starts_with("§12 Iran’s Parallel Strategy: Negotiation and Leverage at the Same Time")
    );
}

#[test]
fn import_refuses_to_overwrite_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/corpora/usdeclar.txt"
    );
    assert!(seminar(&["import", fixture, "--out", out]).status.success());
    let again = seminar(&["import", fixture, "--out", out]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("--force"));
    assert!(
        seminar(&["import", fixture, "--out", out, "--force"])
            .status
            .success()
    );
}

#[test]
fn import_rejects_an_invalid_heading_pattern_clearly() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/corpora/usdeclar.txt"
    );
    let output = seminar(&["import", fixture, "--out", "/tmp/unused", "--heading", "("]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--heading is not a valid regular expression"));
}

#[test]
fn flags_may_follow_the_command_line() {
    let body = json(&seminar(&["ask", "/section 1", "--json"]));
    assert_eq!(body["type"], 4);
    let choices = json(&seminar(&["complete", "/actor name:isr", "--json"]));
    assert_eq!(choices["data"]["choices"][0]["value"], "Israel");
}

#[test]
fn eval_prints_seminars_scores_for_the_named_text_without_baselines() {
    let output = seminar(&["eval", "tests/eval/federalist-queries.toml"]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("“The Federalist Papers”"), "{stdout}");
    assert!(
        stdout.contains("| command | queries | hit@1 | hit@3 | MRR |"),
        "{stdout}"
    );
    assert!(stdout.contains("| /search | 73 | "), "{stdout}");
    assert!(stdout.contains("| /actor | 14 | "), "{stdout}");
    assert!(stdout.contains("miss /search "), "{stdout}");
    for baseline in ["FTS5", "substring", "ranking"] {
        assert!(!stdout.contains(baseline), "{baseline} in:\n{stdout}");
    }
}

#[test]
fn eval_names_the_texts_there_are_when_the_set_names_another() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("queries.toml");
    std::fs::write(&file, "text = \"leviathan\"\n").unwrap();
    let output = seminar(&["eval", file.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains(
            "text = \"leviathan\" is not loaded; the texts are: federalist, us-iran-talks"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_index_dir_holds_one_index_that_later_runs_reuse() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let index_arg = index.to_str().unwrap();
    for _ in 0..2 {
        let output = seminar(&[
            "--index-dir",
            index_arg,
            "ask",
            "/section 10 text:federalist",
        ]);
        assert!(output.status.success(), "{output:?}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("Federalist §10"));
    }
    let builds: Vec<_> = std::fs::read_dir(&index).unwrap().collect();
    assert_eq!(builds.len(), 1);
}
