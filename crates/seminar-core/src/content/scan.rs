//! One pass over a library's files for the index on disk: a text whose files the file system
//! reports exactly as when the snapshot was saved is taken from it unread; any other text is
//! read once, hashed, and parsed and checked only when the snapshot holds no text with its digest.
//!
//! What the file system reports is a text's [`TextStamp`]: for each of its files, the path, size,
//! modification and change times (nanoseconds), inode and device. Writing a file sets its
//! modification and change times to the present, so an edit always changes the stamp, and a text
//! whose stamp changed is hashed (a `touch` alone costs one read, not a rebuild). One race is
//! closed the way git closes it: a file modified within [`SETTLED`] of the scan could be edited
//! again within the same tick of a coarse file-system clock without its times changing, so a text
//! with such a file gets no stamp and is hashed at every start-up until the next build.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use sha2::{Digest, Sha256};

use crate::content::check::{self, Problem};
use crate::content::files::LIBRARY_FILE;
use crate::content::folders;
use crate::content::load::{self, ParsedText, TextFiles};
use crate::content::regular::ReadError;
use crate::content::tree::Tree;

/// A SHA-256 of one text folder: its name and every file the loader reads in it.
pub type TextDigest = [u8; 32];

/// A SHA-256 of one text folder's name and what the file system says of each file the loader
/// reads in it (path, size, times, inode, device), taken without reading them.
pub type TextStamp = [u8; 32];

/// How long before the scan every file of a text must have been last modified for the text to be
/// stamped (longer than the tick of any file system's clock in use).
pub const SETTLED: Duration = Duration::from_secs(2);

/// The texts a snapshot holds, by digest and by stamp.
pub trait Known: Sync {
    /// Whether a text with this digest is held.
    fn holds(&self, digest: &TextDigest) -> bool;
    /// The digest of the text held with this stamp.
    fn stamped(&self, stamp: &TextStamp) -> Option<TextDigest>;
}

/// No text known: every text is read and parsed.
pub struct NothingKnown;

impl Known for NothingKnown {
    fn holds(&self, _: &TextDigest) -> bool {
        false
    }

    fn stamped(&self, _: &TextStamp) -> Option<TextDigest> {
        None
    }
}

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
    /// `None` in a bundle, or when a file was missing, irregular or modified too recently.
    pub stamp: Option<TextStamp>,
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

/// Scans every text of `tree` in parallel: texts `known` holds by stamp are not read, those it
/// holds by digest are read but left unparsed, the others are parsed and checked. `Err` when the
/// tree holds no text at all.
pub fn scan(tree: &Tree, known: &dyn Known) -> Result<Scan, Problem> {
    let settled = SystemTime::now()
        .checked_sub(SETTLED)
        .unwrap_or(SystemTime::UNIX_EPOCH);
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
            .map(|dir| scan_text(tree, dir, known, settled, &mut problems))
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
    known: &dyn Known,
    settled: SystemTime,
    problems: &mut Vec<Problem>,
) -> Scanned {
    let (meta, sections) = load::text_file_paths(tree, dir);
    let stamp = sections
        .as_ref()
        .ok()
        .and_then(|sections| stamp(tree, dir, &meta, sections, settled));
    if let Some(digest) = stamp.as_ref().and_then(|s| known.stamped(s)) {
        return Scanned {
            dir: dir.to_path_buf(),
            digest,
            stamp,
            found: Found::Known,
        };
    }
    let files = load::read_listed_files(tree, dir, meta, sections);
    let digest = digest(tree.root(), &files);
    let found = if known.holds(&digest) {
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
        stamp,
        found,
    }
}

/// The stamp of the text folder `dir` whose files are `meta` and `sections`, when every one is a
/// regular file last modified before `settled`. Taken before the files are read, so an edit made
/// while they are read leaves a stamp that no longer matches.
fn stamp(
    tree: &Tree,
    dir: &Path,
    meta: &Path,
    sections: &[PathBuf],
    settled: SystemTime,
) -> Option<TextStamp> {
    let mut hasher = Sha256::new();
    hasher.update(load::dir_name(dir).as_bytes());
    hasher.update([0]);
    for path in std::iter::once(meta).chain(sections.iter().map(PathBuf::as_path)) {
        let metadata = tree.metadata(path)?;
        if !metadata.is_file() || metadata.modified().ok()? >= settled {
            return None;
        }
        let name = path.strip_prefix(tree.root()).unwrap_or(path);
        hasher.update(name.to_string_lossy().as_bytes());
        hasher.update([0]);
        hasher.update(metadata.len().to_le_bytes());
        for number in file_identity(&metadata)? {
            hasher.update(number.to_le_bytes());
        }
    }
    Some(hasher.finalize().into())
}

/// A file's times (nanoseconds), inode and device, as numbers to hash.
#[cfg(unix)]
fn file_identity(metadata: &std::fs::Metadata) -> Option<[i64; 6]> {
    use std::os::unix::fs::MetadataExt;
    Some([
        metadata.mtime(),
        metadata.mtime_nsec(),
        metadata.ctime(),
        metadata.ctime_nsec(),
        metadata.ino() as i64,
        metadata.dev() as i64,
    ])
}

/// A file's modification time (nanoseconds), as numbers to hash.
#[cfg(not(unix))]
fn file_identity(metadata: &std::fs::Metadata) -> Option<[i64; 6]> {
    let modified = metadata
        .modified()
        .ok()?
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()?;
    Some([
        modified.as_secs() as i64,
        i64::from(modified.subsec_nanos()),
        0,
        0,
        0,
        0,
    ])
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::fs::File;

    /// Texts held by stamp only, so a text found known was not matched by its digest.
    struct Stamps(HashMap<TextStamp, TextDigest>);

    impl Known for Stamps {
        fn holds(&self, _: &TextDigest) -> bool {
            false
        }

        fn stamped(&self, stamp: &TextStamp) -> Option<TextDigest> {
            self.0.get(stamp).copied()
        }
    }

    const SECTION: &str = "+++\nnumber = 1\ntitle = \"One\"\n+++\n\nBody one.\n";

    /// A one-text library whose files were last modified an hour ago.
    fn library() -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        let text = root.path().join("essay");
        std::fs::create_dir_all(text.join("sections")).unwrap();
        std::fs::write(text.join("text.toml"), "title = \"Essay\"\n").unwrap();
        std::fs::write(text.join("sections/01-one.md"), SECTION).unwrap();
        for file in ["text.toml", "sections/01-one.md"] {
            age(&text.join(file));
        }
        root
    }

    fn age(path: &Path) {
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        let file = File::options().write(true).open(path).unwrap();
        file.set_modified(hour_ago).unwrap();
    }

    fn scanned(root: &Path, known: &dyn Known) -> Scanned {
        let mut scan = scan(&Tree::disk(root), known).unwrap();
        assert_eq!(scan.texts.len(), 1);
        scan.texts.remove(0)
    }

    #[test]
    fn an_untouched_text_is_known_by_its_stamp_with_the_digest_recorded_for_it() {
        let root = library();
        let first = scanned(root.path(), &NothingKnown);
        assert!(matches!(first.found, Found::Parsed(_)));
        let stamp = first.stamp.unwrap();
        let known = Stamps(HashMap::from([(stamp, first.digest)]));
        let again = scanned(root.path(), &known);
        assert!(matches!(again.found, Found::Known));
        assert_eq!(again.digest, first.digest);
        assert_eq!(again.stamp, Some(stamp));
    }

    #[test]
    fn an_edit_that_keeps_the_size_and_modification_time_is_read_again() {
        let root = library();
        let first = scanned(root.path(), &NothingKnown);
        let known = Stamps(HashMap::from([(first.stamp.unwrap(), first.digest)]));
        let section = root.path().join("essay/sections/01-one.md");
        std::fs::write(&section, SECTION.replace("one", "two")).unwrap();
        age(&section);
        let again = scanned(root.path(), &known);
        assert!(matches!(again.found, Found::Parsed(_)));
        assert_ne!(again.digest, first.digest);
        assert_ne!(again.stamp, first.stamp);
    }

    #[test]
    fn a_text_modified_just_now_gets_no_stamp_and_is_read() {
        let root = library();
        let section = root.path().join("essay/sections/01-one.md");
        std::fs::write(&section, SECTION.replace("one", "two")).unwrap();
        let again = scanned(root.path(), &NothingKnown);
        assert_eq!(again.stamp, None);
        assert!(matches!(again.found, Found::Parsed(_)));
    }

    #[test]
    fn a_bundled_text_gets_no_stamp() {
        let tree = Tree::Bundled(std::sync::Arc::new(crate::content::tree::Bundle::new([
            (
                PathBuf::from("essay/text.toml"),
                b"title = \"Essay\"\n".to_vec(),
            ),
            (
                PathBuf::from("essay/sections/01-one.md"),
                SECTION.as_bytes().to_vec(),
            ),
        ])));
        let scan = scan(&tree, &NothingKnown).unwrap();
        assert_eq!(scan.texts[0].stamp, None);
    }
}
