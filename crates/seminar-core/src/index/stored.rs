//! The index on disk (`--index-dir`): built once per content, named by a hash of the content's
//! files, and reopened at start-up instead of rebuilt while the content is unchanged.
//!
//! `DIR/<hash>/` holds one complete tantivy index. It is built in a temporary folder beside it and
//! renamed into place only when complete, so a crash mid-build leaves nothing that looks usable,
//! and processes started together never read a half-built index. Older builds are removed.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tantivy::Index;

use crate::content::files::{LIBRARY_FILE, SECTIONS_DIR, TEXT_FILE};
use crate::content::load::text_dirs;
use crate::content::model::Library;
use crate::content::tree::Tree;
use crate::index::schema::Fields;
use crate::index::{IndexError, SearchIndex};

/// Bumped whenever what the index holds for the same content changes (passages, fields, analyzer),
/// so that an index built by an older Seminar is rebuilt rather than misread.
const FORMAT: &str = "seminar-index-3";
/// The writer's heap per thread when building on disk, where libraries are large.
const HEAP_PER_THREAD: usize = 100_000_000;

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
    #[error("cannot read the content to hash it: {0}")]
    Content(String),
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
}

/// A hash of every file the library was loaded from (and of the index format), as hex.
pub fn content_hash(tree: &Tree) -> Result<String, StoredError> {
    let content = tree.root();
    let mut hasher = Sha256::new();
    hasher.update(FORMAT.as_bytes());
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    if let Ok(bytes) = tree.read(&content.join(LIBRARY_FILE)) {
        hasher.update(b"library\0");
        hasher.update(&bytes);
    }
    let dirs = text_dirs(tree).map_err(|p| StoredError::Content(p.to_string()))?;
    for dir in dirs {
        let mut files = vec![dir.join(TEXT_FILE)];
        let sections = dir.join(SECTIONS_DIR);
        if let Ok(entries) = tree.entries(&sections) {
            let mut found: Vec<PathBuf> = entries
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .collect();
            found.sort();
            files.extend(found);
        }
        for file in files {
            let bytes = tree.read(&file).map_err(|source| StoredError::Io {
                path: file.clone(),
                source,
            })?;
            let name = file.strip_prefix(content).unwrap_or(&file);
            hasher.update(name.to_string_lossy().as_bytes());
            hasher.update([0]);
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(&bytes);
        }
    }
    Ok(hex::encode(hasher.finalize()))
}

/// The index of `library` (loaded from `content`) in `dir`: reopened when built for the same
/// content, else built there.
pub fn open_or_build(
    library: &Library,
    content: impl Into<Tree>,
    dir: &Path,
) -> Result<(SearchIndex, Origin), StoredError> {
    let hash = content_hash(&content.into())?;
    let name = &hash[..32];
    let home = dir.join(name);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoredError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    if home.is_dir() {
        let index = Index::open_in_dir(&home).map_err(|source| StoredError::Tantivy {
            path: home.clone(),
            source,
        })?;
        return Ok((SearchIndex::reopen(library, index)?, Origin::Reused));
    }
    let building = dir.join(format!(".{name}.building-{}", std::process::id()));
    if building.exists() {
        std::fs::remove_dir_all(&building).map_err(io(&building))?;
    }
    std::fs::create_dir_all(&building).map_err(io(&building))?;
    let (schema, _) = Fields::schema();
    let index = Index::create_in_dir(&building, schema).map_err(|source| StoredError::Tantivy {
        path: building.clone(),
        source,
    })?;
    index.tokenizers().register(
        crate::index::schema::ANALYZER,
        crate::index::schema::english(),
    );
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let writer = index
        .writer_with_num_threads(threads, HEAP_PER_THREAD * threads)
        .map_err(IndexError::from)?;
    // What building worked out for every text (each text's actor matcher and mentions) is dropped:
    // the index is served as a reopened one, which works that out only for texts in use.
    drop(SearchIndex::write_all(library, index, writer)?);
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
    let index = Index::open_in_dir(&home).map_err(|source| StoredError::Tantivy {
        path: home.clone(),
        source,
    })?;
    Ok((SearchIndex::reopen(library, index)?, Origin::Built))
}

/// Removes the builds of other contents (and abandoned partial builds) from `dir`.
fn remove_others(dir: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name();
        let name = file_name.to_string_lossy();
        let ours = name.len() == 32 && name.bytes().all(|b| b.is_ascii_hexdigit());
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
