//! The database file Seminar opened, and whether the file at its path is still that one: deleted
//! or replaced while open, writes would go on "succeeding" into a file nobody can see again.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::StoreError;

/// Which file a path names: its device and inode (on Unix), so that a file put in its place is
/// told apart from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Identity {
    device: u64,
    inode: u64,
}

impl Identity {
    fn of(path: &Path) -> std::io::Result<Identity> {
        let metadata = std::fs::metadata(path)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Ok(Identity {
                device: metadata.dev(),
                inode: metadata.ino(),
            })
        }
        // Elsewhere only a deletion can be told.
        #[cfg(not(unix))]
        {
            let _ = metadata;
            Ok(Identity {
                device: 0,
                inode: 0,
            })
        }
    }
}

/// The opened database file.
#[derive(Debug)]
pub(crate) struct OpenedFile {
    path: PathBuf,
    identity: Identity,
    /// Set once the loss was seen (and logged): from then on nothing touches the database.
    lost: AtomicBool,
}

impl OpenedFile {
    /// The file now at `path`, as the one opened.
    pub(crate) fn at(path: &Path) -> Result<OpenedFile, StoreError> {
        let identity = Identity::of(path).map_err(|source| StoreError::File {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(OpenedFile {
            path: path.to_path_buf(),
            identity,
            lost: AtomicBool::new(false),
        })
    }

    /// `Ok` if the file at the path is still the one opened; else the loss, logged the first
    /// time it is seen. A loss is for good: only a restart opens a database again.
    pub(crate) fn check(&self) -> Result<(), StoreError> {
        if !self.lost.load(Ordering::Acquire) {
            match Identity::of(&self.path) {
                Ok(identity) if identity == self.identity => return Ok(()),
                now => {
                    if !self.lost.swap(true, Ordering::AcqRel) {
                        let found = match now {
                            Ok(_) => "another file".to_string(),
                            Err(error) => error.to_string(),
                        };
                        tracing::error!(
                            path = %self.path.display(),
                            %found,
                            "the database file is gone: it was deleted or replaced while Seminar \
                             ran; nothing is saved until Seminar is restarted"
                        );
                    }
                }
            }
        }
        Err(StoreError::Lost(self.path.clone()))
    }
}
