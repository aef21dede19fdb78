//! The on-disk format of a text: `text.toml` and one `sections/NN-slug.md` per section with TOML front matter.
//!
//! These are the serde shapes of the files, with source spans kept so that problems can name a line.

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// The name of a text's metadata file.
pub const TEXT_FILE: &str = "text.toml";
/// The folder inside a text directory that holds its section files.
pub const SECTIONS_DIR: &str = "sections";
/// The line that opens and closes a section file's front matter.
pub const FENCE: &str = "+++";

/// The name of a library's own metadata file, next to its text folders (optional).
pub const LIBRARY_FILE: &str = "library.toml";

/// `library.toml`: which text commands use when none is named.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryFile {
    /// The id of the default text [default: the first folder in name order].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

/// `text.toml`: the text's metadata, parts, actors and themes.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TextFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    /// The name citations use when several texts are loaded (`Federalist` in `Federalist §10`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Spanned<PartEntry>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Spanned<ActorEntry>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Spanned<ThemeEntry>>,
}

/// `[[parts]]` in `text.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PartEntry {
    pub number: u32,
    pub title: String,
    pub first: u32,
    pub last: u32,
}

/// `[[actors]]` in `text.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ActorEntry {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: String,
    /// Set by `seminar import` on candidates a curator has not reviewed yet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

/// `[[themes]]` in `text.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeEntry {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// The front matter of a section file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    pub number: Spanned<u32>,
    pub title: String,
    /// Who wrote this section, when the text's sections have different authors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Spanned<u32>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<Spanned<PromptEntry>>,
}

/// `[[prompts]]` in a section's front matter.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PromptEntry {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_text: bool,
}

/// A section file split into its front matter and body, with the line each starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitSection<'a> {
    pub front: &'a str,
    /// 1-based line of the first front-matter line.
    pub front_line: usize,
    pub body: &'a str,
    /// 1-based line of the first body line.
    pub body_line: usize,
}

/// Splits `+++\nfront\n+++\nbody`. `None` when the file does not open with a fence or never closes it.
pub fn split_section(source: &str) -> Option<SplitSection<'_>> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let rest = source
        .strip_prefix(FENCE)
        .and_then(|r| r.strip_prefix("\r\n").or_else(|| r.strip_prefix('\n')))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == FENCE {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let front_lines = front.matches('\n').count();
            return Some(SplitSection {
                front,
                front_line: 2,
                body,
                body_line: front_lines + 3,
            });
        }
        offset += line.len();
    }
    None
}

/// Writes a section file: fenced front matter, a blank line, the body.
pub fn write_section(
    front: &SectionFront,
    body_markdown: &str,
) -> Result<String, toml::ser::Error> {
    let front = toml::to_string(front)?;
    Ok(format!(
        "{FENCE}\n{}{FENCE}\n\n{}\n",
        front,
        body_markdown.trim_end()
    ))
}

/// Writes a section file as [`write_section`] does, block by block: a section as long as a
/// whole book is never copied whole into one string.
pub fn write_section_blocks<B: std::borrow::Borrow<crate::content::model::Block>>(
    out: &mut impl std::io::Write,
    front: &SectionFront,
    blocks: impl IntoIterator<Item = B>,
) -> std::io::Result<()> {
    let front = toml::to_string(front).map_err(std::io::Error::other)?;
    write!(out, "{FENCE}\n{front}{FENCE}\n\n")?;
    for (i, block) in blocks.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n\n")?;
        }
        out.write_all(block.borrow().markdown().trim_end().as_bytes())?;
    }
    out.write_all(b"\n")
}

/// The 1-based line of a byte offset in `source`, counting from `first_line`.
pub fn line_of(source: &str, offset: usize, first_line: usize) -> usize {
    let end = offset.min(source.len());
    let end = (0..=end)
        .rev()
        .find(|&i| source.is_char_boundary(i))
        .unwrap_or(0);
    first_line + source[..end].matches('\n').count()
}

/// A file name for a section: `13-the-economics-beneath-the-diplomacy.md`.
pub fn section_file_name(number: u32, title: &str) -> String {
    const MAX_SLUG: usize = 60;
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    if slug.len() > MAX_SLUG {
        // Cut at the last whole word that fits.
        let cut = slug[..=MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        slug.truncate(cut);
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        format!("{number:02}.md")
    } else {
        format!("{number:02}-{slug}.md")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_reports_where_front_matter_and_body_start() {
        let split = split_section("+++\nnumber = 1\ntitle = \"A\"\n+++\n\nBody.\n").unwrap();
        assert_eq!(split.front, "number = 1\ntitle = \"A\"\n");
        assert_eq!(split.front_line, 2);
        assert_eq!(split.body, "\nBody.\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn an_unclosed_fence_is_not_a_section() {
        assert_eq!(split_section("+++\nnumber = 1\n"), None);
        assert_eq!(split_section("number = 1\n+++\n"), None);
    }

    #[test]
    fn file_names_are_numbered_slugs() {
        assert_eq!(
            section_file_name(12, "Iran’s Parallel Strategy: Negotiation"),
            "12-iran-s-parallel-strategy-negotiation.md"
        );
        assert_eq!(section_file_name(3, "§§"), "03.md");
        assert_eq!(
            section_file_name(
                12,
                "Iran’s Parallel Strategy: Negotiation and Leverage at the Same Time"
            ),
            "12-iran-s-parallel-strategy-negotiation-and-leverage-at-the.md"
        );
    }

    #[test]
    fn sections_written_block_by_block_read_as_written_whole() {
        use crate::content::model::Block;
        let front = SectionFront {
            number: Spanned::new(0..0, 1),
            title: "One".into(),
            author: None,
            summary: String::new(),
            keywords: vec![],
            actors: vec![],
            themes: vec![],
            related: vec![],
            prompts: vec![],
        };
        let blocks = [
            Block::Paragraph("First.".into()),
            Block::List(vec!["a".into(), "b".into()]),
            Block::Paragraph("Last.".into()),
        ];
        let mut streamed = Vec::new();
        write_section_blocks(&mut streamed, &front, &blocks).unwrap();
        let whole = write_section(&front, &crate::content::markdown::render(&blocks)).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), whole);
    }

    #[test]
    fn written_sections_split_back() {
        let front = SectionFront {
            number: Spanned::new(0..0, 4),
            title: "The Politics Behind the Table".into(),
            author: None,
            summary: String::new(),
            keywords: vec!["vance".into()],
            actors: vec![],
            themes: vec![],
            related: vec![],
            prompts: vec![],
        };
        let file = write_section(&front, "Body.").unwrap();
        let split = split_section(&file).unwrap();
        let parsed: SectionFront = toml::from_str(split.front).unwrap();
        assert_eq!(*parsed.number.get_ref(), 4);
        assert_eq!(split.body.trim(), "Body.");
    }
}
