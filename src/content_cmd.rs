//! `seminar check` and `seminar import`: the content tools.

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

/// `seminar eval FILE`: quality of /search and /actor on judged queries (`seminar-lab eval` sets
/// the same table next to its baselines).
pub fn eval(engine: &seminar_core::engine::Engine, file: &Path) -> ExitCode {
    use seminar_core::eval;
    let set = match eval::load(file) {
        Ok(set) => set,
        Err(e) => {
            eprintln!("seminar: {e}");
            return ExitCode::FAILURE;
        }
    };
    let book = match set.text.as_deref() {
        None => engine.book(),
        Some(id) => match engine.book_of(id) {
            Some(book) => book,
            None => {
                let ids: Vec<&str> = engine
                    .library()
                    .texts
                    .iter()
                    .map(|t| t.id.as_str())
                    .collect();
                eprintln!(
                    "seminar: {}: text = {id:?} is not loaded; the texts are: {}",
                    file.display(),
                    ids.join(", ")
                );
                return ExitCode::FAILURE;
            }
        },
    };
    let rows = eval::rows(&book, &set);
    let rows = match rows {
        Ok(rows) => rows,
        Err(e) => {
            eprintln!("seminar: the evaluation failed: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "Answer quality on “{}”: {} judged /search and {} /actor queries from {}.\n",
        book.text().title,
        set.search.len(),
        set.actor.len(),
        file.display()
    );
    println!(
        "| command | ranking | queries | hit@1 | hit@3 | MRR |\n|---|---|---:|---:|---:|---:|"
    );
    for command in ["/search", "/actor"] {
        for row in rows.iter().filter(|r| r.command == command) {
            let s = row.scores;
            println!(
                "| {command} | {} | {} | {:.2} | {:.2} | {:.3} |",
                row.system.name(),
                s.queries,
                s.hit_at_1,
                s.hit_at_3,
                s.mrr
            );
        }
    }
    let seminar = rows.iter().filter(|r| r.system == eval::System::Seminar);
    for row in seminar {
        for miss in &row.misses {
            println!(
                "miss {} {:?}: expected {:?}, got {:?}",
                row.command, miss.query, miss.expected, miss.got
            );
        }
    }
    ExitCode::SUCCESS
}
