//! The index on disk (`--index-dir`): built once per content, named by a hash of the content's
//! files, and reopened at start-up instead of rebuilt while the content is unchanged.
//!
//! `DIR/<hash>/` holds one complete tantivy index and the content model it was built from
//! ([`super::snapshot`]). It is built in a temporary folder beside it and renamed into place only
//! when complete, so a crash mid-build leaves nothing that looks usable, and processes started
//! together never read a half-built index. Older builds are removed.
//!
//! Start-up looks at every content file once ([`crate::content::scan`]): a text whose files the
//! file system reports unchanged since the snapshot was saved is not read; the others are hashed
//! as they are read, and parsed and checked only when the snapshot does not hold a text with the
//! same digest. When every text is known and the hash names the existing build, the
//! model comes from the snapshot; otherwise the texts that changed are parsed, the others taken
//! from the snapshot, and a new build made.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tantivy::Index;

use crate::content::library::{ContentError, decide_default, library_file};
use crate::content::load::{self, to_model};
use crate::content::model::{Library, Text};
use crate::content::scan::{self, Found, Scan};
use crate::content::tree::Tree;
use crate::content::{Problem, Severity, load_library_with};
use crate::index::build::{self, Breaks};
use crate::index::schema::{self, Fields};
use crate::index::snapshot::{self, Snapshot, SnapshotError, TextName};
use crate::index::{IndexError, SearchIndex};

/// Bumped whenever what the index holds for the same content changes (passages, fields, analyzer,
/// the snapshot), so that an index built by an older Seminar is rebuilt rather than misread.
const FORMAT: &str = "seminar-index-5";
/// The writer's heap per thread when building on disk, where libraries are large.
const HEAP_PER_THREAD: usize = 120_000_000;

/// How the index was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The content was unchanged: the index on disk was reopened.
    Reused,
    /// No index matched the content: one was built (and older ones removed).
    Built,
}

/// Why the index directory could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoredError {
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error("index directory {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("index directory {path}: {source}")]
    Tantivy {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
    #[error(transparent)]
    Snapshot(#[from] SnapshotError),
}

/// The library in `content` with its index in `dir`: reopened with the content model from its
/// snapshot when built for the same content, else built there. `default_text` is the settings'
/// choice of default text, as for [`crate::content::load_library_with`].
pub fn open(
    content: &Tree,
    dir: &Path,
    default_text: Option<&str>,
) -> Result<(SearchIndex, Origin), StoredError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let previous = latest(dir);
    let known: &dyn scan::Known = match &previous {
        Some(previous) => previous,
        None => &scan::NothingKnown,
    };
    // The snapshot is decoded while the files are looked at: when nothing changed, which is every
    // start-up but the first after an edit, start-up waits for the slower of the two. The model is
    // decoded on this thread, so that it lives in the main heap rather than in a thread's arena
    // grown a page at a time.
    let (scan, decoded) = std::thread::scope(|scope| {
        let scanning = scope.spawn(|| scan::scan(content, known));
        let decoded = previous.as_ref().map(Snapshot::read_all);
        let scan = scanning
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (scan, decoded)
    });
    let scan = match scan {
        Ok(scan) => scan,
        Err(_) => return Err(refusal(content, default_text, Vec::new())),
    };
    let hash = content_hash(content.root(), &scan);
    let name = &hash[..32];
    let home = dir.join(name);
    if let Some(previous) = &previous
        && scan.all_known()
        && previous.hash() == hash
        && home.join(snapshot::FILE).is_file()
    {
        let records = match decoded {
            Some(records) => records?,
            None => previous.read_all()?,
        };
        let (texts, breaks): (Vec<Text>, Breaks) =
            records.into_iter().map(|r| (r.text, r.breaks)).unzip();
        let library = checked(content, default_text, &scan, texts, Vec::new())?;
        let index = Index::open_in_dir(&home).map_err(tantivy_error(&home))?;
        return Ok((
            SearchIndex::reopen(library, &breaks, index)?,
            Origin::Reused,
        ));
    }
    drop(decoded);
    let (texts, breaks, names) = assemble(previous.as_ref(), scan.texts.iter())?;
    let problems = scan.problems.clone();
    let library = checked(content, default_text, &scan, texts, problems)?;
    build_in(dir, name, &hash, &library, &breaks, &names)?;
    let index = Index::open_in_dir(&home).map_err(tantivy_error(&home))?;
    Ok((SearchIndex::reopen(library, &breaks, index)?, Origin::Built))
}

/// The texts in library order: those the snapshot holds read from it, the others converted from
/// what the scan parsed; with their passage breaks, digests and stamps.
fn assemble<'a>(
    previous: Option<&Snapshot>,
    scanned: impl Iterator<Item = &'a scan::Scanned>,
) -> Result<(Vec<Text>, Breaks, Vec<TextName>), StoredError> {
    enum Whence<'a> {
        Snapshot(usize),
        Parsed(&'a load::ParsedText),
    }
    let mut order = Vec::new();
    let mut names = Vec::new();
    for text in scanned {
        let from = match (&text.found, previous) {
            (Found::Known, Some(previous)) => previous.position(&text.digest).map(Whence::Snapshot),
            (Found::Parsed(parsed), _) => Some(Whence::Parsed(parsed)),
            _ => None,
        };
        if let Some(from) = from {
            order.push(from);
            names.push((text.digest, text.stamp));
        }
    }
    let mut wanted: Vec<usize> = order
        .iter()
        .filter_map(|f| match f {
            Whence::Snapshot(p) => Some(*p),
            Whence::Parsed(_) => None,
        })
        .collect();
    wanted.sort_unstable();
    let mut kept: Vec<Option<snapshot::Record>> = match previous {
        Some(previous) if !wanted.is_empty() => {
            previous.read(&wanted)?.into_iter().map(Some).collect()
        }
        _ => Vec::new(),
    };
    let mut texts = Vec::with_capacity(order.len());
    let mut breaks = Vec::with_capacity(order.len());
    for from in order {
        match from {
            Whence::Snapshot(p) => {
                let i = wanted.binary_search(&p).unwrap_or(0);
                if let Some(record) = kept.get_mut(i).and_then(Option::take) {
                    texts.push(record.text);
                    breaks.push(record.breaks);
                }
            }
            Whence::Parsed(parsed) => {
                let text = to_model(parsed);
                breaks.push(
                    text.sections
                        .iter()
                        .map(|s| crate::index::passage::breaks(&s.blocks))
                        .collect(),
                );
                texts.push(text);
            }
        }
    }
    Ok((texts, breaks, names))
}

/// The library of `texts` once the checks that span texts pass (distinct ids, `library.toml`, the
/// default text); else the refusal start-up gives for this content.
fn checked(
    content: &Tree,
    default_text: Option<&str>,
    scan: &Scan,
    texts: Vec<Text>,
    mut problems: Vec<Problem>,
) -> Result<Library, StoredError> {
    let ids: Vec<String> = texts.iter().map(|t| t.id.clone()).collect();
    let mut seen = std::collections::HashSet::new();
    let duplicate = ids.iter().any(|id| !seen.insert(id));
    let file = scan
        .library_file
        .as_ref()
        .and_then(|source| library_file(content, source, &mut problems));
    let default = decide_default(content, &ids, default_text, file, &mut problems);
    let errors = problems.iter().any(|p| p.severity == Severity::Error);
    match default {
        Some(default) if !duplicate && !errors && texts.len() == scan.texts.len() => {
            Ok(Library { texts, default })
        }
        _ => Err(refusal(content, default_text, problems)),
    }
}

/// The error start-up reports for content that does not load: exactly what loading it without
/// an index says, every problem listed.
fn refusal(content: &Tree, default_text: Option<&str>, problems: Vec<Problem>) -> StoredError {
    match load_library_with(content, default_text) {
        Err(e) => e.into(),
        Ok(_) => ContentError::Invalid(problems).into(),
    }
}

/// A hash of every file the library is loaded from (through each text's digest) and of the index
/// format, as hex.
fn content_hash(root: &Path, scan: &Scan) -> String {
    let mut hasher = Sha256::new();
    hasher.update(FORMAT.as_bytes());
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    if let Some(Ok(source)) = &scan.library_file {
        hasher.update(b"library\0");
        hasher.update(source.as_bytes());
    }
    for text in &scan.texts {
        let name = text.dir.strip_prefix(root).unwrap_or(&text.dir);
        hasher.update(name.to_string_lossy().as_bytes());
        hasher.update([0]);
        hasher.update(text.digest);
    }
    hex::encode(hasher.finalize())
}

/// Builds the index and snapshot of `library` in a temporary folder of `dir` and moves it to
/// `dir/name`, removing older builds.
fn build_in(
    dir: &Path,
    name: &str,
    hash: &str,
    library: &Library,
    breaks: &Breaks,
    names: &[TextName],
) -> Result<(), StoredError> {
    let home = dir.join(name);
    let building = dir.join(format!(".{name}.building-{}", std::process::id()));
    if building.exists() {
        std::fs::remove_dir_all(&building).map_err(io(&building))?;
    }
    std::fs::create_dir_all(&building).map_err(io(&building))?;
    let (schema, _) = Fields::schema();
    let index = Index::create_in_dir(&building, schema).map_err(tantivy_error(&building))?;
    index
        .tokenizers()
        .register(schema::ANALYZER, schema::english());
    let cores = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let writer = index
        .writer_with_num_threads(cores, HEAP_PER_THREAD * cores)
        .map_err(IndexError::from)?;
    build::write_all(library, breaks, writer, cores)?;
    snapshot::write(
        &building.join(snapshot::FILE),
        hash,
        names
            .iter()
            .zip(&library.texts)
            .zip(breaks)
            .map(|((name, t), b)| (*name, t, b.as_slice())),
    )?;
    // Another process may have finished the same build first: then its copy is served.
    if std::fs::rename(&building, &home).is_err() {
        let _ = std::fs::remove_dir_all(&building);
        if !home.is_dir() {
            return Err(StoredError::Io {
                path: home,
                source: std::io::Error::other("could not move the new index into place"),
            });
        }
    }
    remove_others(dir, name);
    Ok(())
}

/// The snapshot of the newest complete build in `dir`, if one reads.
fn latest(dir: &Path) -> Option<Snapshot> {
    let mut builds: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| is_build_name(&e.file_name().to_string_lossy()))
        .filter_map(|e| {
            let snapshot = e.path().join(snapshot::FILE);
            let modified = std::fs::metadata(&snapshot).ok()?.modified().ok()?;
            Some((modified, snapshot))
        })
        .collect();
    builds.sort();
    builds
        .into_iter()
        .rev()
        .find_map(|(_, path)| match Snapshot::open(&path) {
            Ok(snapshot) => Some(snapshot),
            Err(error) => {
                tracing::warn!(%error, "ignoring an unreadable content snapshot");
                None
            }
        })
}

fn is_build_name(name: &str) -> bool {
    name.len() == 32 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Removes the builds of other contents (and abandoned partial builds) from `dir`.
fn remove_others(dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let name = file_name.to_string_lossy();
        let ours = is_build_name(&name);
        // Another process may be building this same content right now: leave its folder alone.
        let abandoned =
            name.starts_with('.') && name.contains(".building-") && !name.contains(keep);
        if name != keep
            && (ours || abandoned)
            && entry.path().is_dir()
            && let Err(error) = std::fs::remove_dir_all(entry.path())
        {
            tracing::warn!(path = %entry.path().display(), %error, "could not remove an old index");
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> StoredError {
    let path = path.to_path_buf();
    move |source| StoredError::Io { path, source }
}

fn tantivy_error(path: &Path) -> impl FnOnce(tantivy::TantivyError) -> StoredError {
    let path = path.to_path_buf();
    move |source| StoredError::Tantivy { path, source }
}
