//! The `seminar-lab` binary: its commands, `eval` next to the baselines, `gen-library`, and `bench`
//! in-process and over a generated library in fresh probe processes.

use crate::support::{judged_file, seminar_lab, stderr, stdout};

#[test]
fn help_lists_every_lab_command() {
    let text = stdout(&seminar_lab(&["--help"]));
    let listed: Vec<&str> = text
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    for command in ["bench", "bench-http", "gen-library", "eval"] {
        assert!(
            listed.contains(&command),
            "{command} missing from {listed:?}"
        );
    }
}

#[test]
fn eval_prints_seminar_next_to_both_baselines_for_the_named_text() {
    let file = judged_file("federalist-queries.toml");
    let output = seminar_lab(&["eval", file.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    let stdout = stdout(&output);
    assert!(stdout.contains("“The Federalist Papers”"), "{stdout}");
    for row in [
        "| /search | Seminar |",
        "| /search | SQLite FTS5 (bm25) |",
        "| /search | substring |",
        "| /actor | Seminar |",
        "| /actor | SQLite FTS5 (bm25) |",
        "| /actor | substring |",
    ] {
        assert!(stdout.contains(row), "{row} missing from:\n{stdout}");
    }
}

#[test]
fn gen_library_writes_a_library_that_bench_measures_in_fresh_processes() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let library_arg = library.to_str().unwrap();
    let written = seminar_lab(&[
        "gen-library",
        "--texts",
        "2",
        "--seed",
        "11",
        "--out",
        library_arg,
    ]);
    assert!(written.status.success(), "{}", stderr(&written));
    assert!(
        stdout(&written).starts_with("wrote 2 texts ("),
        "{}",
        stdout(&written)
    );
    let index = dir.path().join("index");
    let measured = seminar_lab(&[
        "bench",
        "--library",
        library_arg,
        "--index-dir",
        index.to_str().unwrap(),
        "--runs",
        "3",
    ]);
    assert!(measured.status.success(), "{}", stderr(&measured));
    let report = stdout(&measured);
    for heading in [
        "### Index build and size",
        "### Resident memory",
        "### Latency per command kind (µs)",
    ] {
        assert!(
            report.contains(heading),
            "{heading} missing from:\n{report}"
        );
    }
    assert!(
        index.read_dir().unwrap().next().is_some(),
        "the index is kept"
    );
}

#[test]
fn gen_library_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let output = seminar_lab(&[
        "gen-library",
        "--texts",
        "1",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("is not an empty directory"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn bench_times_every_command_kind_next_to_raw_tantivy() {
    let output = seminar_lab(&["bench", "--runs", "2"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(
        report.contains("| command | p50 µs | p99 µs | raw p50 µs | raw p99 µs | p50 ratio |"),
        "{report}"
    );
    for line in [
        "| search `/search strait of hormuz` |",
        "| button `v1:page:8:2` |",
    ] {
        assert!(report.contains(line), "{line} missing from:\n{report}");
    }
}
