//! The raw file an import reads: refused at once when its opening is not text, else read into one
//! buffer of its own size and checked to be UTF-8 in one linear pass.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// How much of the file is looked at before the rest is read: enough to tell text from binary,
/// small enough that a refusal is immediate whatever the file's size.
pub const PROBE_BYTES: usize = 64 * 1024;
/// The largest share of control characters (other than tab, line and page ends) in the opening
/// that still passes for text, in percent.
pub const MAX_CONTROL_PERCENT: usize = 1;

/// Why a file cannot be imported.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a text file: {why}. `seminar import` reads plain text in UTF-8.", .path.display())]
    NotText { path: PathBuf, why: String },
}

/// Reads `path` as UTF-8 text, refusing binary data by its opening and any invalid UTF-8 by the
/// line it is on.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let io = |source| InputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(io)?;
    let size = file.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    (&mut file)
        .take(PROBE_BYTES as u64)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let not_text = |why: String| InputError::NotText {
        path: path.to_path_buf(),
        why,
    };
    if let Some(why) = binary(&bytes) {
        return Err(not_text(why));
    }
    file.read_to_end(&mut bytes).map_err(io)?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        not_text(format!(
            "line {line} holds bytes that are not UTF-8 (at byte {at}); convert the file to UTF-8 first"
        ))
    })
}

/// Why `opening` (the first bytes of a file) is not text, if it is not: NUL bytes, UTF-16,
/// invalid UTF-8, or many control characters.
pub fn binary(opening: &[u8]) -> Option<String> {
    if opening.starts_with(&[0xff, 0xfe]) || opening.starts_with(&[0xfe, 0xff]) {
        return Some("it is UTF-16; convert it to UTF-8 first".to_string());
    }
    if let Some(at) = opening.iter().position(|&b| b == 0) {
        return Some(format!(
            "it holds NUL bytes (the first at byte {at}), as binary data does"
        ));
    }
    let text = match std::str::from_utf8(opening) {
        Ok(text) => text,
        // The opening may end inside a character: that is not an error.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&opening[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(e) => {
            return Some(format!(
                "its opening holds bytes that are not UTF-8 (at byte {})",
                e.valid_up_to()
            ));
        }
    };
    let chars = text.chars().count();
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0c}'))
        .count();
    (controls * 100 > chars * MAX_CONTROL_PERCENT).then(|| {
        format!(
            "{controls} of the first {chars} characters are control characters, as in binary data"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_with_tabs_page_breaks_and_accents_is_text() {
        assert_eq!(
            binary("Caf\u{e9}\tna\u{ef}ve\r\n\u{0c}Chapter 2\n".as_bytes()),
            None
        );
    }

    #[test]
    fn an_opening_cut_inside_a_character_is_text() {
        let text = "Iran’s".as_bytes();
        assert_eq!(binary(&text[..5]), None);
    }

    #[test]
    fn nul_bytes_utf16_and_invalid_utf8_are_binary() {
        assert_eq!(
            binary(b"PK\x03\x04\x00\x00").as_deref(),
            Some("it holds NUL bytes (the first at byte 4), as binary data does")
        );
        assert_eq!(
            binary(b"\xff\xfeT\x00").as_deref(),
            Some("it is UTF-16; convert it to UTF-8 first")
        );
        assert_eq!(
            binary(b"abc\xffdef").as_deref(),
            Some("its opening holds bytes that are not UTF-8 (at byte 3)")
        );
    }

    #[test]
    fn many_control_characters_are_binary() {
        let mut opening = "word ".repeat(20).into_bytes();
        opening.extend_from_slice(b"\x1b\x07");
        assert_eq!(
            binary(&opening).as_deref(),
            Some("2 of the first 102 characters are control characters, as in binary data")
        );
        // One escape in a long text is not binary.
        let mut opening = "word ".repeat(100).into_bytes();
        opening.push(0x1b);
        assert_eq!(binary(&opening), None);
    }

    #[test]
    fn invalid_utf8_after_the_opening_is_refused_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.txt");
        let mut bytes = "A line.\n".repeat(PROBE_BYTES / 8 + 10).into_bytes();
        bytes.extend_from_slice(b"Caf\xe9.\n");
        std::fs::write(&path, &bytes).unwrap();
        let error = read_text(&path).unwrap_err().to_string();
        let line = PROBE_BYTES / 8 + 11;
        assert!(
            error.ends_with(&format!(
                "is not a text file: line {line} holds bytes that are not UTF-8 (at byte {}); convert the file to UTF-8 first. `seminar import` reads plain text in UTF-8.",
                bytes.len() - 3
            )),
            "{error}"
        );
    }

    #[test]
    fn text_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        let text = "Iran’s talks.\n".repeat(10_000);
        std::fs::write(&path, &text).unwrap();
        assert_eq!(read_text(&path).unwrap(), text);
    }
}
