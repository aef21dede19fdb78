//! Shared support: the repository's paths, the bundled engine, and a runner for `seminar-lab`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use seminar_core::engine::Engine;
use seminar_core::eval::{self, JudgedSet};

/// The repository holding the product crate, its content and its judged queries.
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the lab sits inside the repository")
        .to_path_buf()
}

/// The repository's bundled content directory.
pub fn content_dir() -> PathBuf {
    repository().join("content")
}

/// A judged query file of the repository's `tests/eval`.
pub fn judged_file(file: &str) -> PathBuf {
    repository().join("tests/eval").join(file)
}

/// A judged set of the repository's `tests/eval`.
pub fn judged_set(file: &str) -> JudgedSet {
    eval::load(&judged_file(file)).unwrap_or_else(|e| panic!("{file} loads: {e}"))
}

/// The engine over the bundled content, built once per test binary.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::load(&content_dir()).expect("the bundled content loads"))
}

/// Runs `seminar-lab` in the repository with the bundled content and no settings file.
pub fn seminar_lab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seminar-lab"))
        .current_dir(repository())
        .arg("--content")
        .arg(content_dir())
        .args(args)
        .env_remove("RUST_LOG")
        .env_remove("SEMINAR_CONTENT")
        .output()
        .expect("seminar-lab runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
