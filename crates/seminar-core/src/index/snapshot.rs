//! The content model saved beside the index on disk (`DIR/<hash>/content.snapshot`): every text
//! as loaded and checked, with where its passages break, so that a start-up whose content is
//! unchanged parses no Markdown or TOML, and a start-up after an edit parses only what changed.
//!
//! Layout: a magic line, the header's length (u64, little-endian) and the header (postcard), then
//! one postcard record per text in library order. The header names each text by the digest of
//! its files and, when it had one, the stamp the file system gave them ([`crate::content::scan`]),
//! so a text is found again whatever else changed, without reading its files while they are
//! untouched.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::content::model::Text;
use crate::content::scan::{Known, TextDigest, TextStamp};

/// The snapshot's file name inside an index folder.
pub const FILE: &str = "content.snapshot";
const MAGIC: &[u8] = b"seminar-content-snapshot-2\n";

/// Why a snapshot could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a content snapshot this Seminar reads ({reason})")]
    Format { path: PathBuf, reason: String },
}

/// One text as the snapshot keeps it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    pub text: Text,
    /// For each section (in order), the block index where each of its passages ends.
    pub breaks: Vec<Vec<u32>>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    /// The content hash the index folder is named by.
    hash: String,
    /// Each text's digest, stamp and the length of its record, in library order.
    texts: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    digest: TextDigest,
    stamp: Option<TextStamp>,
    len: u64,
}

/// How a text is named in a snapshot: the digest of its files and their stamp, if any.
pub type TextName = (TextDigest, Option<TextStamp>);

/// A snapshot on disk whose header has been read.
#[derive(Debug)]
pub struct Snapshot {
    path: PathBuf,
    header: Header,
    /// Where the first record starts.
    data: u64,
    by_digest: HashMap<TextDigest, usize>,
    by_stamp: HashMap<TextStamp, usize>,
}

impl Snapshot {
    /// Reads the header of the snapshot at `path`.
    pub fn open(path: &Path) -> Result<Snapshot, SnapshotError> {
        let io = |source| SnapshotError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut file = BufReader::new(File::open(path).map_err(io)?);
        let mut magic = vec![0; MAGIC.len()];
        file.read_exact(&mut magic).map_err(io)?;
        if magic != MAGIC {
            return Err(format_error(path, "wrong magic"));
        }
        let mut len = [0; 8];
        file.read_exact(&mut len).map_err(io)?;
        let len = u64::from_le_bytes(len);
        let mut bytes = vec![0; usize::try_from(len).map_err(|_| format_error(path, "header"))?];
        file.read_exact(&mut bytes).map_err(io)?;
        let header: Header =
            postcard::from_bytes(&bytes).map_err(|e| format_error(path, &e.to_string()))?;
        let by_digest = header
            .texts
            .iter()
            .enumerate()
            .map(|(i, entry)| (entry.digest, i))
            .collect();
        let by_stamp = header
            .texts
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| Some((entry.stamp?, i)))
            .collect();
        Ok(Snapshot {
            path: path.to_path_buf(),
            data: (MAGIC.len() + 8) as u64 + len,
            header,
            by_digest,
            by_stamp,
        })
    }

    /// The content hash the snapshot was saved for.
    pub fn hash(&self) -> &str {
        &self.header.hash
    }

    /// The position of the text with this digest.
    pub fn position(&self, digest: &TextDigest) -> Option<usize> {
        self.by_digest.get(digest).copied()
    }

    /// How many texts the snapshot holds.
    pub fn len(&self) -> usize {
        self.header.texts.len()
    }

    /// Whether the snapshot holds no text.
    pub fn is_empty(&self) -> bool {
        self.header.texts.is_empty()
    }

    /// The records at `positions` (ascending), read in one pass with one record in memory at a time
    /// besides what was decoded.
    pub fn read(&self, positions: &[usize]) -> Result<Vec<Record>, SnapshotError> {
        let io = |source| SnapshotError::Io {
            path: self.path.clone(),
            source,
        };
        let mut file = BufReader::with_capacity(1 << 20, File::open(&self.path).map_err(io)?);
        let mut offsets = Vec::with_capacity(self.header.texts.len());
        let mut at = self.data;
        for entry in &self.header.texts {
            offsets.push((at, entry.len));
            at += entry.len;
        }
        let mut buffer = Vec::new();
        let mut records = Vec::with_capacity(positions.len());
        let mut cursor: Option<u64> = None;
        for &position in positions {
            let (start, len) = *offsets
                .get(position)
                .ok_or_else(|| format_error(&self.path, "no such record"))?;
            if cursor != Some(start) {
                file.seek(SeekFrom::Start(start)).map_err(io)?;
            }
            buffer.resize(
                usize::try_from(len).map_err(|_| format_error(&self.path, "record"))?,
                0,
            );
            file.read_exact(&mut buffer).map_err(io)?;
            cursor = Some(start + len);
            records.push(
                postcard::from_bytes(&buffer)
                    .map_err(|e| format_error(&self.path, &e.to_string()))?,
            );
        }
        Ok(records)
    }

    /// Every record, in library order.
    pub fn read_all(&self) -> Result<Vec<Record>, SnapshotError> {
        let all: Vec<usize> = (0..self.len()).collect();
        self.read(&all)
    }
}

/// Writes the snapshot of `texts` (each with its digest and passage breaks) for `hash` at `path`.
pub fn write<'a>(
    path: &Path,
    hash: &str,
    texts: impl Iterator<Item = (TextName, &'a Text, &'a [Vec<u32>])>,
) -> Result<(), SnapshotError> {
    let io = |source| SnapshotError::Io {
        path: path.to_path_buf(),
        source,
    };
    #[derive(Serialize)]
    struct RecordRef<'a> {
        text: &'a Text,
        breaks: &'a [Vec<u32>],
    }
    let mut entries = Vec::new();
    let mut records = Vec::new();
    for ((digest, stamp), text, breaks) in texts {
        let bytes = postcard::to_stdvec(&RecordRef { text, breaks })
            .map_err(|e| format_error(path, &e.to_string()))?;
        entries.push(Entry {
            digest,
            stamp,
            len: bytes.len() as u64,
        });
        records.push(bytes);
    }
    let header = postcard::to_stdvec(&Header {
        hash: hash.to_string(),
        texts: entries,
    })
    .map_err(|e| format_error(path, &e.to_string()))?;
    let mut file = BufWriter::new(File::create(path).map_err(io)?);
    file.write_all(MAGIC).map_err(io)?;
    file.write_all(&(header.len() as u64).to_le_bytes())
        .map_err(io)?;
    file.write_all(&header).map_err(io)?;
    for record in records {
        file.write_all(&record).map_err(io)?;
    }
    file.into_inner()
        .map_err(|e| io(e.into_error()))?
        .sync_all()
        .map_err(io)
}

impl Known for Snapshot {
    fn holds(&self, digest: &TextDigest) -> bool {
        self.by_digest.contains_key(digest)
    }

    fn stamped(&self, stamp: &TextStamp) -> Option<TextDigest> {
        let position = *self.by_stamp.get(stamp)?;
        Some(self.header.texts[position].digest)
    }
}

fn format_error(path: &Path, reason: &str) -> SnapshotError {
    SnapshotError::Format {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}
