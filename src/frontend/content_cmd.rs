//! `seminar check` and `seminar import`: the content tools.

use std::path::Path;
use std::process::ExitCode;

use crate::content::import::{self, ImportOptions};
use crate::content::{Severity, check, files, load};

/// `seminar check [DIR]`: every problem, errors first; non-zero exit when there is an error.
pub fn check(dir: &Path) -> ExitCode {
    let (texts, problems) = load::parse_and_check(dir);
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    if !problems.is_empty() {
        eprintln!("{}", check::report(&problems));
    }
    if errors > 0 {
        eprintln!(
            "{errors} error(s), {warnings} warning(s) in {}",
            dir.display()
        );
        return ExitCode::FAILURE;
    }
    let sections: usize = texts.iter().map(|t| t.sections.len()).sum();
    let prompts: usize = texts
        .iter()
        .flat_map(|t| &t.sections)
        .map(|s| s.front.prompts.len())
        .sum();
    println!(
        "ok: {} text(s), {sections} section(s), {prompts} prompt(s), {warnings} warning(s) in {}",
        texts.len(),
        dir.display()
    );
    ExitCode::SUCCESS
}

/// `seminar import FILE --out DIR [--heading REGEX] [--force]`.
pub fn import(file: &Path, out: &Path, heading: Option<&str>, force: bool) -> ExitCode {
    let heading = match heading.map(regex::Regex::new).transpose() {
        Ok(heading) => heading,
        Err(e) => {
            eprintln!("seminar: --heading is not a valid regular expression: {e}");
            return ExitCode::from(2);
        }
    };
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("seminar: cannot read {}: {e}", file.display());
            return ExitCode::FAILURE;
        }
    };
    if out.join(files::TEXT_FILE).exists() && !force {
        eprintln!(
            "seminar: {} already holds a text; pass --force to overwrite it",
            out.display()
        );
        return ExitCode::FAILURE;
    }
    let raw = String::from_utf8_lossy(&bytes);
    let imported = import::import(&raw, &ImportOptions { heading });
    if imported.sections.is_empty() {
        eprintln!("seminar: found no text in {}", file.display());
        return ExitCode::FAILURE;
    }
    if force && let Err(e) = clear_text(out) {
        eprintln!("seminar: cannot clear the text at {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    match import::write(&imported, out) {
        Ok(written) => {
            for notice in &imported.notices {
                println!("note: {notice}");
            }
            println!(
                "imported “{}”: {} section(s), {} file(s) written to {}",
                imported.title,
                imported.sections.len(),
                written.len(),
                out.display()
            );
            println!(
                "next: add actors, themes and prompts, then run `seminar check {}`",
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("seminar: cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// Removes a text's metadata file and sections folder, leaving anything else in `dir` alone.
fn clear_text(dir: &Path) -> std::io::Result<()> {
    let meta = dir.join(files::TEXT_FILE);
    if meta.exists() {
        std::fs::remove_file(meta)?;
    }
    let sections = dir.join(files::SECTIONS_DIR);
    if sections.is_dir() {
        std::fs::remove_dir_all(sections)?;
    }
    Ok(())
}

/// `seminar eval FILE`: quality of /search and /actor on judged queries.
pub fn eval(engine: &crate::engine::Engine, file: &Path) -> ExitCode {
    use crate::eval;
    let set = match eval::load(file) {
        Ok(set) => set,
        Err(e) => {
            eprintln!("seminar: {e}");
            return ExitCode::FAILURE;
        }
    };
    let search = match eval::search(engine, &set.search) {
        Ok(result) => result,
        Err(e) => {
            eprintln!("seminar: search failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let actors = eval::actors(engine, &set.actor);
    println!("| command | queries | hit@1 | hit@3 | MRR |\n|---|---|---|---|---|");
    for (name, (scores, _)) in [("/search", &search), ("/actor", &actors)] {
        println!(
            "| {name} | {} | {:.2} | {:.2} | {:.3} |",
            scores.queries, scores.hit_at_1, scores.hit_at_3, scores.mrr
        );
    }
    for (name, (_, misses)) in [("/search", &search), ("/actor", &actors)] {
        for miss in misses {
            println!(
                "miss {name} {:?}: expected {:?}, got {:?}",
                miss.query, miss.expected, miss.got
            );
        }
    }
    ExitCode::SUCCESS
}
