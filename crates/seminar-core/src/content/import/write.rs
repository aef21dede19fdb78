//! Writes an imported text as a content directory: `text.toml` and `sections/NN-slug.md`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use toml::Spanned;

use serde::Serialize;

use super::{ActorCandidate, Imported};
use crate::content::files::{
    ActorEntry, SECTIONS_DIR, SectionFront, TEXT_FILE, TextFile, section_file_name,
    write_section_blocks,
};
use crate::content::model::Block;

/// Writes `imported` at `out`, refusing to mix with a text already there.
pub(crate) fn write(imported: &Imported, out: &Path) -> io::Result<Vec<PathBuf>> {
    let sections_dir = out.join(SECTIONS_DIR);
    refuse_existing(out, &sections_dir)?;
    std::fs::create_dir_all(&sections_dir)?;
    let mut written = Vec::new();

    let title = Some(one_line(&imported.title)).filter(|t| !t.is_empty());
    let meta = TextFile {
        title: title.unwrap_or_else(|| "Untitled text".to_string()),
        subtitle: imported
            .subtitle
            .as_deref()
            .map(one_line)
            .filter(|s| !s.is_empty()),
        author: imported
            .author
            .as_deref()
            .map(one_line)
            .filter(|s| !s.is_empty()),
        ..TextFile::default()
    };
    let meta_path = out.join(TEXT_FILE);
    let mut toml = toml::to_string(&meta).map_err(io::Error::other)?;
    toml.push_str(&candidates_toml(&imported.actors)?);
    std::fs::write(&meta_path, toml)?;
    written.push(meta_path);

    // Sections with nothing to show are left out, so that every file written loads.
    let sections = imported
        .sections
        .iter()
        .filter(|s| s.blocks.iter().any(shows_text));
    for (i, section) in sections.enumerate() {
        let number = u32::try_from(i + 1).map_err(io::Error::other)?;
        let title = Some(one_line(&section.title))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| format!("Section {number}"));
        let front = SectionFront {
            number: Spanned::new(0..0, number),
            title: title.clone(),
            author: section
                .author
                .as_deref()
                .map(one_line)
                .filter(|a| !a.is_empty()),
            summary: String::new(),
            keywords: Vec::new(),
            actors: Vec::new(),
            themes: Vec::new(),
            related: Vec::new(),
            prompts: Vec::new(),
        };
        let path = sections_dir.join(section_file_name(number, &title));
        // Block by block: an imported section can be as long as the whole text.
        let mut file = io::BufWriter::new(std::fs::File::create(&path)?);
        write_section_blocks(
            &mut file,
            &front,
            section.blocks.iter().filter_map(safe_block),
        )?;
        file.flush()?;
        written.push(path);
    }
    Ok(written)
}

/// The actor candidates as `[[actors]]` tables marked `draft = true`, under a comment that says
/// what they are; empty when there are none.
fn candidates_toml(candidates: &[ActorCandidate]) -> io::Result<String> {
    #[derive(Serialize)]
    struct Actors {
        actors: Vec<ActorEntry>,
    }
    if candidates.is_empty() {
        return Ok(String::new());
    }
    let actors = candidates
        .iter()
        .map(|c| ActorEntry {
            id: c.id.clone(),
            name: c.name.clone(),
            aliases: c.aliases.clone(),
            description: format!(
                "Candidate: named {} time{} in the text. Describe who or what this is.",
                c.mentions,
                if c.mentions == 1 { "" } else { "s" }
            ),
            draft: true,
        })
        .collect();
    let tables = toml::to_string(&Actors { actors }).map_err(io::Error::other)?;
    Ok(format!(
        "\n# Actor candidates proposed by `seminar import`: the names the text uses most, with their\n\
         # variants as aliases. Review each one: keep it (write a description, fix the aliases, then\n\
         # remove `draft = true`), merge it with another, or delete it.\n\n{tables}"
    ))
}

/// Writing over an existing text would leave its old section files among the new ones.
fn refuse_existing(out: &Path, sections_dir: &Path) -> io::Result<()> {
    if out.join(TEXT_FILE).exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} already holds a text ({TEXT_FILE}); choose an empty directory",
                out.display()
            ),
        ));
    }
    if let Ok(entries) = std::fs::read_dir(sections_dir)
        && entries
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "md"))
    {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} already holds section files; choose an empty directory",
                sections_dir.display()
            ),
        ));
    }
    Ok(())
}

/// Whitespace collapsed to single spaces: one line, as titles and Markdown paragraphs need.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether [`safe_block`] keeps anything of `block`.
fn shows_text(block: &Block) -> bool {
    let blank = |text: &String| text.trim().is_empty();
    match block {
        Block::Paragraph(text) => !blank(text),
        Block::List(items) => !items.iter().all(blank),
    }
}

/// A block that reads back as itself: one line per paragraph and item, no empty items, and a
/// paragraph that starts like a bullet keeps its dash by a no-break space after it.
fn safe_block(block: &Block) -> Option<Block> {
    match block {
        Block::Paragraph(text) => {
            let text = one_line(text);
            let text = match ["- ", "* "].iter().find(|m| text.starts_with(**m)) {
                Some(marker) => format!("{}\u{a0}{}", &marker[..1], &text[2..]),
                None => text,
            };
            (!text.is_empty()).then_some(Block::Paragraph(text))
        }
        Block::List(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|i| one_line(i))
                .filter(|i| !i.is_empty())
                .collect();
            (!items.is_empty()).then_some(Block::List(items))
        }
    }
}
