//! A whole library checked as start-up checks it: its texts, `library.toml` and the default text.
//! `seminar check` and loading share [`check_library`], so what one refuses the other reports.

use std::path::PathBuf;

use crate::content::check::{self, Problem, Severity};
use crate::content::files::{LIBRARY_FILE, LibraryFile, TEXT_FILE, line_of};
use crate::content::load::{self, ParsedText, text_id, toml_message};
use crate::content::model::{Library, Text};
use crate::content::regular::ReadError;
use crate::content::tree::Tree;

/// Why a content directory could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    #[error("{} problem(s) in the content:\n{}", .0.iter().filter(|p| p.severity == Severity::Error).count(), check::report(.0))]
    Invalid(Vec<Problem>),
}

/// A content directory as read and checked: what parsed, which text is the default, and every
/// problem found. Any error-level problem means the library does not load.
#[derive(Debug)]
pub struct Checked {
    pub texts: Vec<ParsedText>,
    /// The position in `texts` of the default text, when it could be decided.
    pub default: Option<usize>,
    pub problems: Vec<Problem>,
}

impl Checked {
    /// How many problems are errors.
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
}

/// Reads and checks everything under `root`. `default_text` is the id the settings choose as the
/// default text (`[content] default_text`, `SEMINAR_DEFAULT_TEXT`); it overrides `library.toml`.
pub fn check_library(tree: impl Into<Tree>, default_text: Option<&str>) -> Checked {
    let tree = &tree.into();
    let (texts, mut problems) = load::parse_and_check(tree);
    for dir in load::ignored_dirs(tree) {
        problems.push(Problem::warning(
            &dir,
            None,
            format!("this folder has no {TEXT_FILE}, so it is not a text: the library ignores it"),
        ));
    }
    let library_file = read_library_file(tree, &mut problems);
    // Without any text there is no default to decide; the problem that says why is already there.
    let default = if texts.is_empty() {
        None
    } else {
        let ids: Vec<String> = texts.iter().map(text_id).collect();
        decide_default(tree, &ids, default_text, library_file, &mut problems)
    };
    Checked {
        texts,
        default,
        problems,
    }
}

/// Loads every text under `root`, the default text as `library.toml` names it (else the first).
pub fn load_library(tree: impl Into<Tree>) -> Result<Library, ContentError> {
    load_library_with(tree, None)
}

/// Loads every text under `root` with `default_text` (when given) as the default text; any
/// error-level problem fails the load with all of them listed.
pub fn load_library_with(
    tree: impl Into<Tree>,
    default_text: Option<&str>,
) -> Result<Library, ContentError> {
    let checked = check_library(tree, default_text);
    let default = match checked.default {
        Some(default) if checked.errors() == 0 => default,
        _ => return Err(ContentError::Invalid(checked.problems)),
    };
    for p in checked.problems.iter() {
        tracing::debug!(problem = %p, "content warning");
    }
    let texts: Vec<Text> = checked.texts.iter().map(load::to_model).collect();
    Ok(Library { texts, default })
}

/// The position of the default text among the texts `ids`: the settings' choice
/// (`default_text`), else `library.toml`'s, else the first; `None`, with the problem, when the
/// one named is not a text.
pub(crate) fn decide_default(
    tree: &Tree,
    ids: &[String],
    default_text: Option<&str>,
    library_file: Option<(LibraryFile, usize)>,
    problems: &mut Vec<Problem>,
) -> Option<usize> {
    match default_text {
        Some(id) => choose(tree, ids, id, &Chooser::Settings, problems),
        None => match library_file
            .as_ref()
            .and_then(|(file, line)| file.default.as_deref().map(|id| (id.to_string(), *line)))
        {
            Some((id, line)) => choose(tree, ids, &id, &Chooser::File(line), problems),
            None => Some(0),
        },
    }
}

/// `library.toml` and the line of its `default`, when the file exists and parses.
fn read_library_file(tree: &Tree, problems: &mut Vec<Problem>) -> Option<(LibraryFile, usize)> {
    let path = tree.root().join(LIBRARY_FILE);
    if !tree.exists(&path) {
        return None;
    }
    library_file(tree, &tree.read_to_string(&path), problems)
}

/// `library.toml` as read (`source`) and the line of its `default`, when it parses.
pub(crate) fn library_file(
    tree: &Tree,
    source: &Result<String, ReadError>,
    problems: &mut Vec<Problem>,
) -> Option<(LibraryFile, usize)> {
    let path = tree.root().join(LIBRARY_FILE);
    let source = match source {
        Ok(source) => source,
        Err(e) => {
            problems.push(Problem::error(&path, None, format!("cannot read: {e}")));
            return None;
        }
    };
    match toml::from_str::<LibraryFile>(source) {
        Ok(file) => {
            // The same file read again for where `default` stands, which the model does not keep.
            #[derive(serde::Deserialize)]
            struct Spans {
                default: Option<toml::Spanned<String>>,
            }
            let line = toml::from_str::<Spans>(source)
                .ok()
                .and_then(|s| s.default)
                .map_or(1, |d| line_of(source, d.span().start, 1));
            Some((file, line))
        }
        Err(e) => {
            let line = e.span().map(|s| line_of(source, s.start, 1));
            problems.push(Problem::error(&path, line, toml_message(&e)));
            None
        }
    }
}

/// Who names the default text: the settings, or `library.toml` at a line.
enum Chooser {
    Settings,
    File(usize),
}

/// The position of the text `id`, or an error saying where the missing default was named and why
/// it is not a text.
fn choose(
    tree: &Tree,
    ids: &[String],
    id: &str,
    chooser: &Chooser,
    problems: &mut Vec<Problem>,
) -> Option<usize> {
    if let Some(found) = ids.iter().position(|t| t == id) {
        return Some(found);
    }
    let root = tree.root();
    let why = match not_a_text(tree, id) {
        Some(folder) => format!("the folder {} has no {TEXT_FILE}", folder.display()),
        None => "no text has this id".to_string(),
    };
    let message = format!(
        "the default text {id:?} is not in the library: {why}; the texts are: {}",
        ids.join(", ")
    );
    problems.push(match chooser {
        Chooser::Settings => Problem::error(
            root,
            None,
            format!("{message} (the default text comes from the settings: [content] default_text or SEMINAR_DEFAULT_TEXT)"),
        ),
        Chooser::File(line) => Problem::error(&root.join(LIBRARY_FILE), Some(*line), message),
    });
    None
}

/// The library's folder named `id` when it exists but is no text.
fn not_a_text(tree: &Tree, id: &str) -> Option<PathBuf> {
    let folder = tree.root().join(id);
    (!id.contains(['/', '\\']) && tree.is_dir(&folder) && !tree.exists(&folder.join(TEXT_FILE)))
        .then_some(folder)
}
