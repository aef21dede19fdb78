//! A seeded generator of synthetic libraries for benchmarks: `seminar-lab gen-library`.
//!
//! Each text gets 15–40 sections (about 6,700 body words; 60 KB with its front matter), a cast
//! of invented states, people and organisations with aliases, themes, parts, and prompts quoting
//! its prose.
//! The words follow a Zipf-like curve: a shared English vocabulary plus topic words of the
//! text's own domains. Text `i` depends only on the seed and `i`, so the same seed always
//! writes the same bytes, and every library loads with [`seminar_core::content::load_library`].

mod cast;
mod names;
mod outline;
mod phrases;
mod prose;
mod text;
mod topics;
mod vocabulary;
mod words;
mod write;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use vocabulary::Vocabulary;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenOptions {
    /// How many texts (at least one).
    pub texts: usize,
    /// The seed: the same seed writes the same library, byte for byte.
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GenSummary {
    pub texts: usize,
    pub sections: usize,
    /// Words of the section bodies.
    pub words: usize,
    /// Bytes of every file written.
    pub bytes: u64,
}

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    #[error("{} is not an empty directory: gen-library writes only into a new or empty one", .0.display())]
    NotEmpty(PathBuf),
    #[error("a library needs at least one text")]
    NoTexts,
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: cannot write TOML: {source}", path.display())]
    Toml {
        path: PathBuf,
        #[source]
        source: toml::ser::Error,
    },
}

/// `seminar-lab gen-library`: writes the library and says what it wrote.
pub fn run(out: &Path, options: &GenOptions) -> ExitCode {
    match generate(out, options) {
        Ok(summary) => {
            println!(
                "wrote {} texts ({} sections, {} words, {:.1} MB) to {}",
                summary.texts,
                summary.sections,
                summary.words,
                summary.bytes as f64 / 1e6,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("seminar-lab: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the library into `out` (created; must be empty or absent).
///
/// Texts are generated on several threads; each depends only on the seed and its position,
/// so the files do not depend on the number of threads.
pub fn generate(out: &Path, options: &GenOptions) -> Result<GenSummary, GenError> {
    if options.texts == 0 {
        return Err(GenError::NoTexts);
    }
    write::prepare(out)?;
    let vocabulary = Vocabulary::new();
    let width = options.texts.to_string().len().max(4);
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 8)
        .min(options.texts);
    let results: Vec<Result<Batch, (usize, GenError)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|first| {
                let vocabulary = &vocabulary;
                scope.spawn(move || {
                    let indices = (first..options.texts).step_by(threads);
                    batch(out, vocabulary, options.seed, indices, width)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut summary = GenSummary::default();
    let mut first_error: Option<(usize, GenError)> = None;
    let mut default = None;
    for result in results {
        match result {
            Ok(batch) => {
                summary.texts += batch.summary.texts;
                summary.sections += batch.summary.sections;
                summary.words += batch.summary.words;
                summary.bytes += batch.summary.bytes;
                default = default.or(batch.first_id);
            }
            Err((index, e)) => {
                if first_error.as_ref().is_none_or(|(i, _)| index < *i) {
                    first_error = Some((index, e));
                }
            }
        }
    }
    if let Some((_, e)) = first_error {
        return Err(e);
    }
    if let Some(default) = default {
        summary.bytes += write::write_library(out, &default)?;
    }
    Ok(summary)
}

/// What one thread wrote, and the id of text 0 if it wrote it.
struct Batch {
    summary: GenSummary,
    first_id: Option<String>,
}

/// Generates and writes the texts at `indices`; an error carries the index it stopped at.
fn batch(
    out: &Path,
    vocabulary: &Vocabulary,
    seed: u64,
    indices: impl Iterator<Item = usize>,
    width: usize,
) -> Result<Batch, (usize, GenError)> {
    let mut batch = Batch {
        summary: GenSummary::default(),
        first_id: None,
    };
    for index in indices {
        let text = text::generate_text(vocabulary, seed, index, width);
        let summary = &mut batch.summary;
        summary.bytes += write::write_text(out, &text).map_err(|e| (index, e))?;
        summary.texts += 1;
        summary.sections += text.sections.len();
        summary.words += text.sections.iter().map(|s| s.words).sum::<usize>();
        if index == 0 {
            batch.first_id = Some(text.id);
        }
    }
    Ok(batch)
}
