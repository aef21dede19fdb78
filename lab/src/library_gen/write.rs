//! Puts a generated library on disk: refuses a non-empty directory, writes each file, counts bytes.

use std::path::Path;

use super::GenError;
use super::text::GeneratedText;
use seminar_core::content::files::{
    LIBRARY_FILE, LibraryFile, SECTIONS_DIR, TEXT_FILE, section_file_name, write_section,
};

/// Creates `out`, or accepts it when it is an empty directory.
pub fn prepare(out: &Path) -> Result<(), GenError> {
    match std::fs::read_dir(out) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(GenError::NotEmpty(out.to_path_buf()));
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_dir(out),
        Err(_) if out.exists() => Err(GenError::NotEmpty(out.to_path_buf())),
        Err(source) => Err(GenError::Io {
            path: out.to_path_buf(),
            source,
        }),
    }
}

fn create_dir(path: &Path) -> Result<(), GenError> {
    std::fs::create_dir_all(path).map_err(|source| GenError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn write_file(path: &Path, contents: &str) -> Result<u64, GenError> {
    std::fs::write(path, contents).map_err(|source| GenError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(contents.len() as u64)
}

fn serialize<T: serde::Serialize>(path: &Path, value: &T) -> Result<String, GenError> {
    toml::to_string(value).map_err(|source| GenError::Toml {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes `out/<id>/text.toml` and `out/<id>/sections/NN-slug.md`; returns the bytes written.
pub fn write_text(out: &Path, text: &GeneratedText) -> Result<u64, GenError> {
    let dir = out.join(&text.id);
    let sections = dir.join(SECTIONS_DIR);
    create_dir(&sections)?;
    let meta_path = dir.join(TEXT_FILE);
    let mut bytes = write_file(&meta_path, &serialize(&meta_path, &text.meta)?)?;
    for section in &text.sections {
        let path = sections.join(section_file_name(
            *section.front.number.get_ref(),
            &section.front.title,
        ));
        let file =
            write_section(&section.front, &section.body).map_err(|source| GenError::Toml {
                path: path.clone(),
                source,
            })?;
        bytes += write_file(&path, &file)?;
    }
    Ok(bytes)
}

/// Writes `out/library.toml` naming the default text; returns the bytes written.
pub fn write_library(out: &Path, default: &str) -> Result<u64, GenError> {
    let path = out.join(LIBRARY_FILE);
    let file = LibraryFile {
        default: Some(default.to_string()),
    };
    write_file(&path, &serialize(&path, &file)?)
}
