//! Reads content directories from disk into the content model, collecting every problem on the way.

use std::path::{Path, PathBuf};

use crate::content::check::{self, Problem};
use crate::content::files::{
    self, SECTIONS_DIR, SectionFront, TEXT_FILE, TextFile, line_of, split_section,
};
use crate::content::folders;
use crate::content::markdown;
use crate::content::model::{Actor, Block, Part, Prompt, PromptId, Section, Text, Theme};
use crate::content::regular::ReadError;
use crate::content::tree::Tree;

/// A text directory as read from disk, before validation.
#[derive(Debug, Clone)]
pub struct ParsedText {
    pub dir: PathBuf,
    pub meta_path: PathBuf,
    pub meta_source: String,
    pub meta: TextFile,
    pub sections: Vec<ParsedSection>,
}

/// One section file as read from disk.
#[derive(Debug, Clone)]
pub struct ParsedSection {
    pub path: PathBuf,
    pub front_source: String,
    pub front_line: usize,
    pub body_line: usize,
    pub front: SectionFront,
    pub blocks: Vec<Block>,
}

impl ParsedSection {
    /// The line of a span inside this section's front matter.
    pub fn line(&self, span: std::ops::Range<usize>) -> usize {
        line_of(&self.front_source, span.start, self.front_line)
    }
}

impl ParsedText {
    /// The line of a span inside `text.toml`.
    pub fn line(&self, span: std::ops::Range<usize>) -> usize {
        line_of(&self.meta_source, span.start, 1)
    }
}

/// The text directories under `root`: `root` itself when it holds `text.toml`, else its subfolders that do.
///
/// A `text.toml` that is not a regular file still marks a text, so that reading it refuses it by name.
pub fn text_dirs(tree: &Tree) -> Result<Vec<PathBuf>, Problem> {
    let root = tree.root();
    if holds_text(tree, root) {
        return Ok(vec![root.to_path_buf()]);
    }
    let mut dirs: Vec<PathBuf> = subfolders(tree, root)?
        .into_iter()
        .filter(|p| holds_text(tree, p))
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        return Err(Problem::error(
            root,
            None,
            format!(
                "no text here: expected {TEXT_FILE} in this directory or in one of its subdirectories"
            ),
        ));
    }
    Ok(dirs)
}

/// Whether `dir` holds a `text.toml` of any kind (a dangling symlink included).
fn holds_text(tree: &Tree, dir: &Path) -> bool {
    tree.exists(&dir.join(TEXT_FILE))
}

/// The folders directly under `root`.
fn subfolders(tree: &Tree, root: &Path) -> Result<Vec<PathBuf>, Problem> {
    let entries = tree.entries(root).map_err(|e| {
        Problem::error(
            root,
            None,
            format!("cannot read the content directory: {e}"),
        )
    })?;
    Ok(entries.into_iter().filter(|p| tree.is_dir(p)).collect())
}

/// Folders of a library that are not texts because they hold no `text.toml` (hidden ones aside):
/// the loader passes them over, which a curator should know.
pub fn ignored_dirs(tree: &Tree) -> Vec<PathBuf> {
    let root = tree.root();
    if holds_text(tree, root) {
        return Vec::new();
    }
    let mut dirs: Vec<PathBuf> = subfolders(tree, root)
        .unwrap_or_default()
        .into_iter()
        .filter(|p| !holds_text(tree, p))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    dirs.sort();
    dirs
}

/// A text folder's files, each read once: `text.toml`, then the section files in name order (or
/// why the sections folder could not be listed).
#[derive(Debug)]
pub struct TextFiles {
    pub dir: PathBuf,
    pub meta: (PathBuf, Result<String, ReadError>),
    pub sections: Result<Vec<FileRead>, std::io::Error>,
}

/// A file's path and its text, or why it could not be read.
pub type FileRead = (PathBuf, Result<String, ReadError>);

/// The files of the text folder `dir` that loading it reads: `text.toml`, then the section files
/// in name order (or why the sections folder could not be listed).
pub fn text_file_paths(tree: &Tree, dir: &Path) -> (PathBuf, std::io::Result<Vec<PathBuf>>) {
    let sections = tree.entries(&dir.join(SECTIONS_DIR)).map(|entries| {
        let mut paths: Vec<PathBuf> = entries
            .into_iter()
            .filter(|p| p.extension().is_some_and(|ext| ext == "md"))
            .collect();
        paths.sort();
        paths
    });
    (dir.join(TEXT_FILE), sections)
}

/// Reads every file of the text folder `dir` that loading it reads.
pub fn read_text_files(tree: &Tree, dir: &Path) -> TextFiles {
    let (meta_path, sections) = text_file_paths(tree, dir);
    read_listed_files(tree, dir, meta_path, sections)
}

/// Reads the files [`text_file_paths`] listed for the text folder `dir`.
pub fn read_listed_files(
    tree: &Tree,
    dir: &Path,
    meta_path: PathBuf,
    sections: std::io::Result<Vec<PathBuf>>,
) -> TextFiles {
    let meta = tree.read_to_string(&meta_path);
    let sections = sections.map(|paths| {
        paths
            .into_iter()
            .map(|path| {
                let source = tree.read_to_string(&path);
                (path, source)
            })
            .collect()
    });
    TextFiles {
        dir: dir.to_path_buf(),
        meta: (meta_path, meta),
        sections,
    }
}

/// Reads one text directory. Files that cannot be parsed are reported and skipped.
pub fn parse_text_dir(tree: &Tree, dir: &Path, problems: &mut Vec<Problem>) -> Option<ParsedText> {
    parse_text_files(read_text_files(tree, dir), problems)
}

/// Parses a text folder's files as read. Files that cannot be parsed are reported and skipped.
pub fn parse_text_files(files: TextFiles, problems: &mut Vec<Problem>) -> Option<ParsedText> {
    let TextFiles {
        dir,
        meta: (meta_path, meta_source),
        sections,
    } = files;
    let meta_source = match meta_source {
        Ok(source) => source,
        Err(e) => {
            problems.push(Problem::error(
                &meta_path,
                None,
                format!("cannot read: {e}"),
            ));
            return None;
        }
    };
    let meta = match toml::from_str::<TextFile>(&meta_source) {
        Ok(meta) => meta,
        Err(e) => {
            let line = e.span().map(|s| line_of(&meta_source, s.start, 1));
            problems.push(Problem::error(&meta_path, line, toml_message(&e)));
            return None;
        }
    };
    let sections = match sections {
        Ok(sections) => sections
            .into_iter()
            .filter_map(|(path, source)| parse_section_file(&path, source, problems))
            .collect(),
        Err(e) => {
            problems.push(Problem::error(
                &dir.join(SECTIONS_DIR),
                None,
                format!("cannot read the sections folder: {e}"),
            ));
            Vec::new()
        }
    };
    Some(ParsedText {
        dir,
        meta_path,
        meta_source,
        meta,
        sections,
    })
}

fn parse_section_file(
    path: &Path,
    source: Result<String, ReadError>,
    problems: &mut Vec<Problem>,
) -> Option<ParsedSection> {
    let source = match source {
        Ok(source) => source,
        Err(e) => {
            problems.push(Problem::error(path, None, format!("cannot read: {e}")));
            return None;
        }
    };
    let source = source.replace("\r\n", "\n");
    let Some(split) = split_section(&source) else {
        problems.push(Problem::error(
            path,
            Some(1),
            format!(
                "a section file starts with TOML front matter between two `{}` lines",
                files::FENCE
            ),
        ));
        return None;
    };
    let front = match toml::from_str::<SectionFront>(split.front) {
        Ok(front) => front,
        Err(e) => {
            let line = e
                .span()
                .map(|s| line_of(split.front, s.start, split.front_line));
            problems.push(Problem::error(
                path,
                line.or(Some(split.front_line)),
                toml_message(&e),
            ));
            return None;
        }
    };
    Some(ParsedSection {
        path: path.to_path_buf(),
        front_source: split.front.to_string(),
        front_line: split.front_line,
        body_line: split.body_line,
        front,
        blocks: markdown::parse(split.body),
    })
}

/// The first line of a TOML error, which names the problem without repeating the source.
pub(crate) fn toml_message(e: &toml::de::Error) -> String {
    format!("invalid TOML: {}", e.message().trim())
}

/// Parses and validates everything in `tree`, returning what parsed and every problem found.
pub fn parse_and_check(tree: impl Into<Tree>) -> (Vec<ParsedText>, Vec<Problem>) {
    let tree = &tree.into();
    let mut problems = Vec::new();
    let dirs = match text_dirs(tree) {
        Ok(dirs) => dirs,
        Err(problem) => return (Vec::new(), vec![problem]),
    };
    let done = folders::in_order(&dirs, |dirs| {
        let mut problems = Vec::new();
        let parsed: Vec<ParsedText> = dirs
            .iter()
            .filter_map(|dir| parse_text_dir(tree, dir, &mut problems))
            .collect();
        for text in &parsed {
            problems.extend(check::validate(text));
        }
        (parsed, problems)
    });
    let mut parsed = Vec::new();
    for (texts, found) in done {
        parsed.extend(texts);
        problems.extend(found);
    }
    check::validate_library(&parsed, &mut problems);
    (parsed, problems)
}

/// Converts a validated text into the model.
pub(crate) fn to_model(parsed: &ParsedText) -> Text {
    let meta = &parsed.meta;
    let mut sections: Vec<Section> = parsed.sections.iter().map(section_model).collect();
    sections.sort_by_key(|s| s.number);
    Text {
        id: text_id(parsed),
        title: meta.title.trim().to_string(),
        short: non_empty(meta.short.as_deref()).unwrap_or_else(|| meta.title.trim().to_string()),
        subtitle: non_empty(meta.subtitle.as_deref()),
        author: non_empty(meta.author.as_deref()),
        source: non_empty(meta.source.as_deref()),
        parts: meta
            .parts
            .iter()
            .map(|p| {
                let p = p.get_ref();
                Part {
                    number: p.number,
                    title: p.title.trim().to_string(),
                    first: p.first,
                    last: p.last,
                }
            })
            .collect(),
        sections,
        actors: meta
            .actors
            .iter()
            .map(|a| {
                let a = a.get_ref();
                Actor {
                    id: a.id.clone(),
                    name: a.name.trim().to_string(),
                    aliases: a.aliases.iter().map(|s| s.trim().to_string()).collect(),
                    description: a.description.trim().to_string(),
                }
            })
            .collect(),
        themes: meta
            .themes
            .iter()
            .map(|t| {
                let t = t.get_ref();
                Theme {
                    id: t.id.clone(),
                    name: t.name.trim().to_string(),
                    description: t.description.trim().to_string(),
                    keywords: t.keywords.clone(),
                }
            })
            .collect(),
    }
}

/// A text's id: `id` from `text.toml`, else its directory name.
pub fn text_id(parsed: &ParsedText) -> String {
    parsed
        .meta
        .id
        .clone()
        .unwrap_or_else(|| dir_name(&parsed.dir))
}

/// The name of a text's folder as its id would be: the real folder's, after any symlink.
pub fn dir_name(dir: &Path) -> String {
    dir.canonicalize()
        .unwrap_or_else(|_| dir.to_path_buf())
        .file_name()
        .map_or_else(|| "text".to_string(), |n| n.to_string_lossy().into_owned())
}

fn section_model(parsed: &ParsedSection) -> Section {
    let front = &parsed.front;
    let number = *front.number.get_ref();
    let strings = |v: &[toml::Spanned<String>]| v.iter().map(|s| s.get_ref().clone()).collect();
    Section {
        number,
        title: front.title.trim().to_string(),
        author: non_empty(front.author.as_deref()),
        summary: front.summary.trim().to_string(),
        keywords: front.keywords.clone(),
        actors: strings(&front.actors),
        themes: strings(&front.themes),
        related: front.related.iter().map(|r| *r.get_ref()).collect(),
        blocks: parsed.blocks.clone(),
        prompts: front
            .prompts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let p = p.get_ref();
                Prompt {
                    id: PromptId {
                        section: number,
                        ordinal: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    },
                    text: p.text.trim().to_string(),
                    actors: strings(&p.actors),
                    themes: strings(&p.themes),
                    quote: non_empty(p.quote.as_deref()),
                    from_text: p.from_text,
                }
            })
            .collect(),
    }
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}
