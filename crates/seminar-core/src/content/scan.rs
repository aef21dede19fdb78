//! One pass over a library's files for the index on disk: each file read once, hashed per text,
//! and parsed and checked only when the snapshot kept beside the index does not hold that text.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::content::check::{self, Problem};
use crate::content::files::LIBRARY_FILE;
use crate::content::folders;
use crate::content::load::{self, ParsedText, TextFiles};
use crate::content::regular::ReadError;
use crate::content::tree::Tree;

/// A SHA-256 of one text folder: its name and every file the loader reads in it.
pub type TextDigest = [u8; 32];

/// What the scan found in one text folder.
#[derive(Debug)]
pub enum Found {
    /// The snapshot already holds a text with this digest: it was neither parsed nor checked.
    Known,
    /// A text read, parsed and checked (its problems are in [`Scan::problems`]).
    Parsed(Box<ParsedText>),
    /// A text whose `text.toml` could not be read or parsed (the problem says why).
    Broken,
}

/// One text folder as scanned.
#[derive(Debug)]
pub struct Scanned {
    pub dir: PathBuf,
    pub digest: TextDigest,
    pub found: Found,
}

/// Every text folder of a library, and `library.toml` as read.
#[derive(Debug)]
pub struct Scan {
    pub texts: Vec<Scanned>,
    /// Problems of the texts parsed here (a known text had none that were errors).
    pub problems: Vec<Problem>,
    /// `library.toml`, when the library has one.
    pub library_file: Option<Result<String, ReadError>>,
}

impl Scan {
    /// Whether the snapshot holds every text.
    pub fn all_known(&self) -> bool {
        self.texts.iter().all(|t| matches!(t.found, Found::Known))
    }
}

/// Reads every file of `tree` once, in parallel: texts whose digest `known` accepts are left
/// unparsed, the others are parsed and checked. `Err` when the tree holds no text at all.
pub fn scan(tree: &Tree, known: &(dyn Fn(&TextDigest) -> bool + Sync)) -> Result<Scan, Problem> {
    let dirs = load::text_dirs(tree)?;
    let root = tree.root();
    let library_path = root.join(LIBRARY_FILE);
    let library_file = tree
        .exists(&library_path)
        .then(|| tree.read_to_string(&library_path));
    let done = folders::in_order(&dirs, |dirs| {
        let mut problems = Vec::new();
        let texts: Vec<Scanned> = dirs
            .iter()
            .map(|dir| scan_text(tree, dir, known, &mut problems))
            .collect();
        (texts, problems)
    });
    let mut texts = Vec::with_capacity(dirs.len());
    let mut problems = Vec::new();
    for (scanned, found) in done {
        texts.extend(scanned);
        problems.extend(found);
    }
    Ok(Scan {
        texts,
        problems,
        library_file,
    })
}

fn scan_text(
    tree: &Tree,
    dir: &Path,
    known: &(dyn Fn(&TextDigest) -> bool + Sync),
    problems: &mut Vec<Problem>,
) -> Scanned {
    let files = load::read_text_files(tree, dir);
    let digest = digest(tree.root(), &files);
    let found = if known(&digest) {
        Found::Known
    } else {
        match load::parse_text_files(files, problems) {
            Some(parsed) => {
                problems.extend(check::validate(&parsed));
                Found::Parsed(Box::new(parsed))
            }
            None => Found::Broken,
        }
    };
    Scanned {
        dir: dir.to_path_buf(),
        digest,
        found,
    }
}

/// The digest of a text folder's files: the folder's own name (a text without an `id` is named
/// after it), then each file's path under the root, length and bytes, or a mark where a file
/// could not be read.
fn digest(root: &Path, files: &TextFiles) -> TextDigest {
    let mut hasher = Sha256::new();
    hasher.update(load::dir_name(&files.dir).as_bytes());
    hasher.update([0]);
    let mut file = |path: &Path, source: Option<&str>| {
        let name = path.strip_prefix(root).unwrap_or(path);
        hasher.update(name.to_string_lossy().as_bytes());
        match source {
            Some(source) => {
                hasher.update([0]);
                hasher.update((source.len() as u64).to_le_bytes());
                hasher.update(source.as_bytes());
            }
            None => hasher.update([1]),
        }
    };
    file(&files.meta.0, files.meta.1.as_deref().ok());
    match &files.sections {
        Ok(sections) => {
            for (path, source) in sections {
                file(path, source.as_deref().ok());
            }
        }
        Err(_) => hasher.update(b"\x02sections unreadable"),
    }
    hasher.finalize().into()
}
