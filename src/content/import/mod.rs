//! Turns a raw text file into a content directory: encoding clean-up, re-flow, headings, boilerplate, duplicates.

use std::path::{Path, PathBuf};

use crate::content::model::Block;

/// What the caller may tell the importer.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// A line matching this pattern starts a new section (overrides heading detection).
    pub heading: Option<regex::Regex>,
}

/// A raw text turned into sections, plus what the importer noticed on the way.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub title: String,
    pub subtitle: Option<String>,
    pub sections: Vec<ImportedSection>,
    /// Things a curator should look at: duplicates, dropped boilerplate, odd headings.
    pub notices: Vec<String>,
}

/// One section found in the raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedSection {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// Imports `raw` (any line endings, with or without a BOM).
pub fn import(raw: &str, options: &ImportOptions) -> Imported {
    let _ = (raw, options);
    todo!("importer")
}

/// Writes `imported` as a content directory at `out` (text.toml + sections/), returning the files written.
pub fn write(imported: &Imported, out: &Path) -> std::io::Result<Vec<PathBuf>> {
    let _ = (imported, out);
    todo!("importer writer")
}
