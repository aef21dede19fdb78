//! Turns a raw text file into a content directory: encoding clean-up, re-flow, headings, boilerplate, duplicates.
//!
//! The importer works without flags on the texts it was built against, and its choices are:
//! - paragraphs: blank-separated blocks are joined; a text with no blank lines at all has a
//!   paragraph end at each line that ends a sentence unless the next line starts lowercase;
//! - headings, in order of preference: numbered labels used at least twice (`FEDERALIST No. 2`,
//!   `Article 1.`), then headings in capitals, then title-case lines of three or more words;
//! - a label with title lines under it is titled `Federalist No. 10: The Same Subject Continued
//!   (…)` (also with `--heading`); the publication, date, author and salutation lines stay in the
//!   body as its first paragraphs, so nothing the paper prints is lost;
//! - two label levels (`Article 1.` over `Section 1`) give one section per lower label, titled
//!   `Article 1, Section 1`; an upper label with text of its own is a section (`Article 5`);
//! - front matter opening with a title-like line is the text's title (split at an em dash into
//!   title and subtitle); short fragments after it are a title page (subtitle and byline kept,
//!   the rest reported as dropped); prose after it is an "Introduction" section; front matter
//!   without a title is a "Preamble" section;
//! - a text without headings is one section named after the text, or parts ("Part 1"…) of
//!   about 1,500 words when longer than 2,500 words;
//! - a byline in capitals near the top of most sections (`MADISON`) is taken out of the text
//!   and becomes the section's author, or the text's when all sections share one;
//! - notes after a section's signature (`PUBLIUS.`), or marked notes at its end (`FNA1-@1`),
//!   become a `Notes:` list at the end of the section, and references to them read `[1]`;
//! - compounds the source ran together ("wellconstructed") get their hyphen back when the text
//!   also writes them hyphenated (a hyphen at a line end is always kept: "well-" + "constructed");
//! - the names the text uses most become actor candidates (`draft = true`) in `text.toml`.

mod authors;
mod boilerplate;
mod candidates;
mod case;
mod clean;
mod compounds;
mod duplicates;
mod footnotes;
mod front;
mod headings;
pub mod input;
mod line_start;
mod long;
mod reflow;
mod sections;
mod write;

use std::path::{Path, PathBuf};

use crate::content::model::Block;
pub use candidates::ActorCandidate;
use headings::Style;
use sections::Draft;

/// What the caller may tell the importer.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// A line matching this pattern starts a new section (overrides heading detection).
    pub heading: Option<regex::Regex>,
}

/// A raw text turned into sections, plus what the importer noticed on the way.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The text's title: from its first line or title page, else a guess (reported in `notices`).
    pub title: String,
    /// The subtitle: from a title split at an em dash, or the line under the title on a title page.
    pub subtitle: Option<String>,
    /// The author named on a title page ("By Thomas Paine").
    pub author: Option<String>,
    pub sections: Vec<ImportedSection>,
    /// Names the text uses most, proposed as actors for a curator to review, most named first.
    pub actors: Vec<ActorCandidate>,
    /// Things a curator should look at: duplicates, dropped boilerplate, odd headings.
    pub notices: Vec<String>,
}

/// One section found in the raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedSection {
    /// The section's title, never empty: its heading, tidied.
    pub title: String,
    /// The author its byline names ("Hamilton or Madison"), when sections name different authors.
    pub author: Option<String>,
    /// The section's paragraphs and lists, never empty.
    pub blocks: Vec<Block>,
}

/// Imports `raw` (any line endings, with or without a BOM). Never fails: odd input gives odd sections.
pub fn import(raw: &str, options: &ImportOptions) -> Imported {
    import_lines(clean::lines(raw), options)
}

/// Imports `raw` as [`import`] does, letting go of it once it is split into lines.
///
/// Each stage lets go of what the next no longer needs (the raw text, its lines, its units), so
/// that a large file is held about twice at any time, never once per stage.
pub fn import_owned(raw: String, options: &ImportOptions) -> Imported {
    let lines = clean::lines(&raw);
    drop(raw);
    import_lines(lines, options)
}

fn import_lines(mut lines: Vec<clean::Line>, options: &ImportOptions) -> Imported {
    let mut notices = Vec::new();
    report_stripped(&boilerplate::strip_trailing(&mut lines), &mut notices);

    let units = reflow::units(&lines, options.heading.as_ref());
    drop(lines);
    let candidates: Vec<headings::Candidate> = units.iter().map(headings::classify).collect();
    let mut found = headings::find(&units, &candidates, options.heading.is_some());
    // A text's first line written as a title is its title, not a section heading; so is a
    // first heading with only title-page fragments under it.
    if found.indices.first() == Some(&0) && candidates[0].label.is_none() {
        let next = found.indices.get(1).copied().unwrap_or(units.len());
        let only_fragments = next < units.len() && !units[1..next].iter().any(front::is_prose);
        let titled = matches!(found.style, Style::TitleCase | Style::Caps)
            && !headings::is_known_heading(&units[0].text());
        if titled || only_fragments {
            found.indices.remove(0);
        }
    }

    if options.heading.is_some() && found.indices.is_empty() {
        notices.push("the heading pattern matched no line".to_string());
    }

    let (mut front, mut drafts) = match found.indices.first() {
        None => {
            let front = front::read(&units, true);
            let title = front
                .title
                .clone()
                .unwrap_or_else(|| sections::fallback_title(&units, &found));
            let drafts = sections::untitled(&front.body, &title);
            if drafts.len() > 1 {
                notices.push(format!(
                    "no headings found; split the text into {} parts of about equal length",
                    drafts.len()
                ));
            } else if !drafts.is_empty() {
                notices.push("no headings found; the text is one section".to_string());
            }
            (front, drafts)
        }
        Some(&first) => {
            let front = front::read(&units[..first], false);
            let mut drafts = Vec::new();
            let blocks: Vec<Block> = front.body.iter().filter_map(reflow::Unit::block).collect();
            if let Some(start) = front.body.first()
                && !blocks.is_empty()
            {
                let title = if front.title.is_some() {
                    "Introduction"
                } else {
                    "Preamble"
                };
                drafts.push(Draft {
                    title: title.to_string(),
                    line: start.line,
                    blocks,
                });
            }
            drafts.extend(sections::build(&units, &found, &mut notices));
            (front, drafts)
        }
    };
    // The drafts hold the front matter's text now.
    front.body = Vec::new();

    let title = match &front.title {
        Some(title) => title.clone(),
        None => {
            let title = sections::fallback_title(&units, &found);
            notices.push(format!(
                "no title found; using \"{title}\" (edit text.toml to change it)"
            ));
            title
        }
    };
    report_title_page(
        &front,
        &title,
        units.first().map_or(1, |u| u.line),
        &mut notices,
    );

    if drafts.is_empty() && units.iter().any(|u| u.block().is_some()) {
        // Every heading was empty: keep the words rather than import nothing.
        let blocks = units.iter().filter_map(reflow::Unit::block).collect();
        drafts.push(Draft {
            title: title.clone(),
            line: units.first().map_or(1, |u| u.line),
            blocks,
        });
        notices.push("no heading has text under it; the whole text is one section".to_string());
    }
    drop(units);
    if found.style == Style::TitleCase && found.indices.len() == 1 && drafts.len() == 1 {
        notices.push(format!(
            "one heading found (line {}); the text is one section",
            drafts[0].line
        ));
    }

    let split: usize = drafts
        .iter_mut()
        .map(|d| long::split_long(&mut d.blocks))
        .sum();
    if split > 0 {
        notices.push(format!(
            "split {split} paragraph{} of over {} words at sentence ends (the source seems to have lost its paragraph breaks there)",
            if split == 1 { "" } else { "s" },
            long::MAX_WORDS,
        ));
    }
    let mut drafts = duplicates::dedupe(drafts, &mut notices);
    for (i, draft) in drafts.iter_mut().enumerate() {
        // A pattern can match a line of punctuation only; a section still needs a title.
        if draft.title.trim().is_empty() {
            draft.title = format!("Section {}", i + 1);
        }
    }
    report_compounds(&compounds::repair(&mut drafts), &mut notices);
    let (notes, noted) = footnotes::extract(&mut drafts);
    if notes > 0 {
        notices.push(format!(
            "set apart {notes} note{} at the end of {noted} section{} as a \"{}\" list",
            plural(notes),
            plural(noted),
            footnotes::NOTES_HEADING,
        ));
    }
    let authors = authors::extract(&mut drafts);
    report_authors(&authors, &mut notices);
    let sections: Vec<ImportedSection> = drafts
        .into_iter()
        .zip(authors.sections)
        .map(|(d, author)| ImportedSection {
            title: d.title,
            author,
            blocks: d.blocks,
        })
        .collect();
    let blocks: Vec<&[Block]> = sections.iter().map(|s| s.blocks.as_slice()).collect();
    let actors = candidates::find(&blocks, candidates::MAX_CANDIDATES);
    if !actors.is_empty() {
        notices.push(format!(
            "proposed {} actor candidate{} in text.toml (draft = true): review, merge or delete them",
            actors.len(),
            plural(actors.len()),
        ));
    }
    Imported {
        title,
        subtitle: front.subtitle,
        author: front.author.or(authors.text),
        sections,
        actors,
        notices,
    }
}

/// Writes `imported` as a content directory at `out` (text.toml + sections/), returning the files written.
///
/// Refuses (`AlreadyExists`) when `out` already holds a `text.toml` or section files: old
/// sections left beside new ones would not load. Sections with no text are left out.
pub fn write(imported: &Imported, out: &Path) -> std::io::Result<Vec<PathBuf>> {
    write::write(imported, out)
}

/// "s" after a count other than one.
fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Reports the compounds whose hyphen was put back.
fn report_compounds(made: &[(String, String)], notices: &mut Vec<String>) {
    if made.is_empty() {
        return;
    }
    let shown: Vec<String> = made
        .iter()
        .take(3)
        .map(|(from, to)| format!("{from} → {to}"))
        .collect();
    notices.push(format!(
        "restored the hyphen in {} compound{} the source ran together ({}{})",
        made.len(),
        plural(made.len()),
        shown.join(", "),
        if made.len() > 3 { ", …" } else { "" },
    ));
}

/// Reports the authors taken from bylines.
fn report_authors(authors: &authors::Authors, notices: &mut Vec<String>) {
    if let Some(author) = &authors.text {
        notices.push(format!(
            "every section has the byline \"{author}\"; it is the text's author"
        ));
        return;
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for author in authors.sections.iter().flatten() {
        match counts.iter_mut().find(|(a, _)| *a == author) {
            Some((_, n)) => *n += 1,
            None => counts.push((author, 1)),
        }
    }
    if counts.is_empty() {
        return;
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let named: usize = counts.iter().map(|(_, n)| n).sum();
    let list: Vec<String> = counts.iter().map(|(a, n)| format!("{a} {n}")).collect();
    notices.push(format!(
        "took the bylines of {named} section{} as their authors ({})",
        plural(named),
        list.join(", ")
    ));
}

/// Reports what was cut from the end of the text.
fn report_stripped(stripped: &boilerplate::Stripped, notices: &mut Vec<String>) {
    if let Some(first) = stripped.boilerplate.first() {
        let more = if stripped.boilerplate.len() > 1 {
            " …"
        } else {
            ""
        };
        notices.push(format!(
            "dropped trailing web boilerplate: {} line{} (\"{}\"{more})",
            stripped.boilerplate.len(),
            if stripped.boilerplate.len() == 1 {
                ""
            } else {
                "s"
            },
            shorten(first, 60),
        ));
    }
    if let Some(marker) = &stripped.end_marker {
        notices.push(format!("dropped the end marker \"{marker}\""));
    }
}

/// Reports a title page that went into no section.
fn report_title_page(front: &front::Front, title: &str, first: usize, notices: &mut Vec<String>) {
    let Some(last) = front.dropped.last() else {
        return;
    };
    let lines: usize = front.dropped.iter().map(|u| u.lines.len()).sum();
    let mut found = format!("title \"{title}\"");
    if let Some(subtitle) = &front.subtitle {
        found.push_str(&format!(", subtitle \"{subtitle}\""));
    }
    if let Some(author) = &front.author {
        found.push_str(&format!(", author \"{author}\""));
    }
    notices.push(format!(
        "title page (lines {first}–{}): kept {found}; {lines} other line{} not imported",
        last.line + last.lines.len().saturating_sub(1),
        if lines == 1 { "" } else { "s" },
    ));
}

/// At most `max` characters of `text`, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>().trim_end())
    }
}
