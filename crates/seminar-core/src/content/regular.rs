//! Reading content files only when they are regular files: a FIFO, socket or device among the
//! content is refused by name instead of blocking the reader forever.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

/// Why a content file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path names something other than a regular file (after following symlinks).
    #[error("{0}, not a regular file: content files must be regular files")]
    NotRegular(&'static str),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Reads a regular file (or a symlink to one) as UTF-8, refusing anything else before opening it.
pub fn read_to_string(path: &Path) -> Result<String, ReadError> {
    refuse_irregular(&std::fs::metadata(path)?)?;
    let mut file = open(path)?;
    // The path may have been swapped for a FIFO since it was looked at: look at what was opened.
    let metadata = file.metadata()?;
    refuse_irregular(&metadata)?;
    let mut text = String::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.read_to_string(&mut text)?;
    Ok(text)
}

/// Opens for reading without waiting for a writer, so that opening a FIFO returns at once.
#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

fn refuse_irregular(metadata: &Metadata) -> Result<(), ReadError> {
    if metadata.is_file() {
        Ok(())
    } else {
        Err(ReadError::NotRegular(kind(metadata)))
    }
}

/// What a path that is not a regular file is, for the message that refuses it.
fn kind(metadata: &Metadata) -> &'static str {
    if metadata.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
    }
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_and_a_symlink_to_one_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "text").unwrap();
        assert_eq!(read_to_string(&file).unwrap(), "text");
        #[cfg(unix)]
        {
            let link = dir.path().join("b.md");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert_eq!(read_to_string(&link).unwrap(), "text");
        }
    }

    #[test]
    fn a_directory_is_refused_by_kind() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_to_string(dir.path()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "a directory, not a regular file: content files must be regular files"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading_it() {
        // /dev/zero never ends: reading it would fill memory.
        let error = read_to_string(Path::new("/dev/zero")).unwrap_err();
        assert!(matches!(error, ReadError::NotRegular("a character device")));
    }
}
