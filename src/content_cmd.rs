//! `seminar check`, `seminar import` and `seminar eval`: the content tools.

use std::path::Path;
use std::process::ExitCode;

use seminar_core::content::import::{self, ImportOptions};
use seminar_core::content::{Tree, check, files, library};

/// `seminar check [DIR]`: every problem, errors first; non-zero exit when there is an error.
///
/// The checks are the loader's own ([`library::check_library`]), with the default text the
/// settings choose: whatever would stop the bot from starting on `content` is an error here.
pub fn check(content: &Tree, default_text: Option<&str>) -> ExitCode {
    let checked = library::check_library(content, default_text);
    let errors = checked.errors();
    let warnings = checked.problems.len() - errors;
    if !checked.problems.is_empty() {
        eprintln!("{}", check::report(&checked.problems));
    }
    if errors > 0 {
        eprintln!("{errors} error(s), {warnings} warning(s) in {content}");
        return ExitCode::FAILURE;
    }
    let texts = &checked.texts;
    let sections: usize = texts.iter().map(|t| t.sections.len()).sum();
    let prompts: usize = texts
        .iter()
        .flat_map(|t| &t.sections)
        .map(|s| s.front.prompts.len())
        .sum();
    println!(
        "ok: {} text(s), {sections} section(s), {prompts} prompt(s), {warnings} warning(s) in {content}",
        texts.len()
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
    let raw = match import::input::read_text(file) {
        Ok(raw) => raw,
        Err(e) => {
            eprintln!("seminar: {e}");
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
    let imported = import::import_owned(raw, &ImportOptions { heading });
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

/// `seminar eval FILE`: quality of /search and /actor on judged queries, with the misses.
pub fn eval(engine: &seminar_core::engine::Engine, file: &Path) -> ExitCode {
    use seminar_core::eval;
    let (set, book) = match eval::open(engine, file) {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("seminar: {e}");
            return ExitCode::FAILURE;
        }
    };
    let search = match eval::search(&book, &set.search) {
        Ok(search) => search,
        Err(e) => {
            eprintln!("seminar: the evaluation failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    let rows = [
        ("/search", search),
        ("/actor", eval::actors(&book, &set.actor)),
    ];
    println!(
        "Answer quality on “{}”: {} judged /search and {} /actor queries from {}.\n",
        book.text().title,
        set.search.len(),
        set.actor.len(),
        file.display()
    );
    println!("| command | queries | hit@1 | hit@3 | MRR |\n|---|---:|---:|---:|---:|");
    for (command, (s, _)) in &rows {
        println!(
            "| {command} | {} | {:.2} | {:.2} | {:.3} |",
            s.queries, s.hit_at_1, s.hit_at_3, s.mrr
        );
    }
    for (command, (_, misses)) in &rows {
        for miss in misses {
            println!(
                "miss {command} {:?}: expected {:?}, got {:?}",
                miss.query, miss.expected, miss.got
            );
        }
    }
    ExitCode::SUCCESS
}
