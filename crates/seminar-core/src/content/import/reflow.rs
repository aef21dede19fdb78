//! Re-flow: hard-wrapped lines become paragraphs, bullet lists and heading candidates ("units").

use regex::Regex;

use super::case::{starts_lowercase, starts_uppercase};
use super::clean::Line;
use super::headings::{is_heading_line, parse_label};
use super::line_start;
use crate::content::model::Block;

/// What a unit holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A paragraph (or a heading candidate): its lines are joined.
    Prose,
    /// A bullet list: one entry per item, wrapped items already joined.
    List,
    /// One row of a table: kept as its own paragraph.
    Row,
}

/// A paragraph, list or table row, with the raw line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    pub line: usize,
    pub kind: Kind,
    /// The unit's lines (prose and rows) or items (lists).
    pub lines: Vec<String>,
    /// Set when the line matched the caller's heading pattern.
    pub forced: bool,
}

impl Unit {
    fn prose(line: usize, lines: Vec<String>) -> Self {
        Unit {
            line,
            kind: Kind::Prose,
            lines,
            forced: false,
        }
    }

    /// The unit's text, its lines joined as one paragraph.
    pub fn text(&self) -> String {
        join_lines(&self.lines)
    }

    /// The unit as a content block; `None` when it holds no text.
    pub fn block(&self) -> Option<Block> {
        match self.kind {
            Kind::List => {
                let items: Vec<String> = self
                    .lines
                    .iter()
                    .filter(|i| !i.is_empty())
                    .cloned()
                    .collect();
                (!items.is_empty()).then_some(Block::List(items))
            }
            Kind::Prose | Kind::Row => {
                let text = self.text();
                (!text.is_empty()).then_some(Block::Paragraph(text))
            }
        }
    }

    /// How many words the unit holds.
    pub fn words(&self) -> usize {
        self.lines
            .iter()
            .map(|l| l.split_whitespace().count())
            .sum()
    }
}

/// Joins wrapped lines: a space between them, none after a dash that ends a line.
pub(crate) fn join_lines(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines.iter().filter(|l| !l.is_empty()) {
        if !out.is_empty() && !glues(&out, line) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Whether the next line continues the last word: after an em dash, `--` or a hyphen ("Great-" + "Britain").
fn glues(before: &str, next: &str) -> bool {
    let mut rev = before.chars().rev();
    let (last, prev) = (rev.next(), rev.next());
    let next_letter = next.chars().next().is_some_and(char::is_alphanumeric);
    match (prev, last) {
        (Some(p), Some('—')) => !p.is_whitespace(),
        (Some('-'), Some('-')) => before
            .chars()
            .rev()
            .nth(2)
            .is_some_and(|c| !c.is_whitespace()),
        (Some(p), Some('-')) => p.is_alphabetic() && next_letter,
        _ => false,
    }
}

/// The item text of a bullet line (`- item`, `* item`, `• item`).
pub(crate) fn bullet(text: &str) -> Option<&str> {
    text.strip_prefix("- ")
        .or_else(|| text.strip_prefix("* "))
        .or_else(|| text.strip_prefix("• "))
        .map(str::trim)
}

/// Whether the text puts blank lines between paragraphs (rather than none at all).
pub(crate) fn blank_separated(lines: &[Line]) -> bool {
    let non_blank = lines.iter().filter(|l| !l.is_blank()).count();
    let blocks = lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !l.is_blank() && (*i == 0 || lines[i - 1].is_blank()))
        .count();
    blocks >= 2 && non_blank <= 20 * blocks
}

/// Cuts the cleaned lines into units. Lines matching `pattern` always stand alone.
///
/// Two conventions exist, told apart per text. Most texts put a blank line between paragraphs:
/// the lines of a blank-separated block are joined (and a double-spaced run, a blank line after
/// every line, is read as if it had none). Some have no blank lines at all: see [`line_start`].
pub(crate) fn units(lines: &[Line], pattern: Option<&Regex>) -> Vec<Unit> {
    let forced = |l: &Line| pattern.is_some_and(|p| p.is_match(&l.text));
    let mut out = Vec::new();
    if !blank_separated(lines) {
        let lines: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
        // Hard-wrapped text has many lines that carry on a sentence; without them, every line
        // is a paragraph of its own (text pasted from the web, one paragraph per line).
        let continued = lines.iter().filter(|l| starts_lowercase(&l.text)).count();
        let ends = if continued * 20 < lines.len() {
            line_start::Ends::Lines
        } else {
            line_start::Ends::Sentences
        };
        line_start::units(&lines, &forced, ends, &mut out);
        return out;
    }
    let blocks: Vec<&[Line]> = lines
        .split(Line::is_blank)
        .filter(|b| !b.is_empty())
        .collect();
    let mut i = 0;
    while i < blocks.len() {
        let run = one_line_run(&blocks[i..]);
        let lines: Vec<&Line> = blocks[i..i + run].iter().flat_map(|b| b.iter()).collect();
        if run >= MIN_DOUBLE_SPACED && is_double_spaced(&lines) {
            let width = line_start::wrap_width(&lines);
            line_start::units(&lines, &forced, line_start::Ends::Fit(width), &mut out);
        } else {
            for block in &blocks[i..i + run.max(1)] {
                block_units(block, &forced, &mut out);
            }
        }
        i += run.max(1);
    }
    out
}

/// The fewest one-line blocks in a row that make a double-spaced run.
const MIN_DOUBLE_SPACED: usize = 6;

/// How many blocks from the start are one line each, one blank line apart.
fn one_line_run(blocks: &[&[Line]]) -> usize {
    let mut n = 0;
    while let Some(block) = blocks.get(n)
        && let [line] = block
        && (n == 0
            || blocks[n - 1]
                .last()
                .is_some_and(|prev| prev.no + 2 == line.no))
    {
        n += 1;
    }
    n
}

/// Whether one-line blocks are wrapped prose with a blank line after every line (rather than
/// one-line paragraphs): sentences run on from line to line, so many lines start lowercase.
fn is_double_spaced(lines: &[&Line]) -> bool {
    let long = lines
        .iter()
        .filter(|l| l.text.chars().count() >= 40)
        .count();
    let continued = lines
        .iter()
        .skip(1)
        .filter(|l| starts_lowercase(&l.text))
        .count();
    long * 2 >= lines.len() && continued * 3 >= lines.len()
}

/// Units of one blank-separated block.
fn block_units(block: &[Line], forced: &dyn Fn(&Line) -> bool, out: &mut Vec<Unit>) {
    let refs: Vec<&Line> = block.iter().collect();
    if block.iter().filter(|l| l.wide_gaps).count() >= 2 {
        out.extend(block.iter().map(|l| Unit {
            kind: Kind::Row,
            ..Unit::prose(l.no, vec![l.text.clone()])
        }));
        return;
    }
    let mut rest = block;
    // A heading on the block's first line with the text right under it ("Section 1" + "All legislative…").
    if let [first, second, ..] = block
        && !forced(first)
        && heading_over_text(first, second, block)
    {
        out.push(Unit::prose(first.no, vec![first.text.clone()]));
        rest = &block[1..];
    }
    let mut i = 0;
    while i < rest.len() {
        let line = &rest[i];
        if forced(line) {
            out.push(Unit {
                forced: true,
                ..Unit::prose(line.no, vec![line.text.clone()])
            });
            i += 1;
        } else if bullet(&line.text).is_some() {
            i = list_unit(&refs[block.len() - rest.len()..], i, out);
        } else {
            let start = i;
            while i < rest.len() && !forced(&rest[i]) && bullet(&rest[i].text).is_none() {
                i += 1;
            }
            let lines = rest[start..i].iter().map(|l| l.text.clone()).collect();
            out.push(Unit::prose(line.no, lines));
        }
    }
}

/// Whether a block's first line is a heading set directly over its text.
fn heading_over_text(first: &Line, second: &Line, block: &[Line]) -> bool {
    if parse_label(&first.text).is_some() {
        return !starts_lowercase(&second.text);
    }
    let longest = block
        .iter()
        .map(|l| l.text.chars().count())
        .max()
        .unwrap_or(0);
    // A paragraph's first line runs the full width; a heading is much shorter than the text under it.
    is_heading_line(&first.text)
        && starts_uppercase(&second.text)
        && first.text.chars().count() * 5 < longest * 3
}

/// Reads a bullet list starting at `start`; returns the index after it.
pub(crate) fn list_unit(lines: &[&Line], start: usize, out: &mut Vec<Unit>) -> usize {
    let mut items: Vec<String> = Vec::new();
    let mut i = start;
    while i < lines.len() && !lines[i].is_blank() {
        let text = &lines[i].text;
        if let Some(item) = bullet(text) {
            items.push(item.to_string());
        } else if starts_lowercase(text)
            && let Some(last) = items.last_mut()
        {
            // A wrapped item: "- regional influence" + "structures".
            let joined = join_lines(&[std::mem::take(last), text.clone()]);
            *last = joined;
        } else {
            break;
        }
        i += 1;
    }
    out.push(Unit {
        kind: Kind::List,
        ..Unit::prose(lines[start].no, items)
    });
    i.max(start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::import::clean::lines;

    fn texts(raw: &str) -> Vec<String> {
        units(&lines(raw), None).iter().map(Unit::text).collect()
    }

    #[test]
    fn blank_separated_blocks_are_joined() {
        assert_eq!(
            texts("One two\nthree.\n\nFour\nfive."),
            ["One two three.", "Four five."]
        );
    }

    #[test]
    fn without_blank_lines_paragraphs_end_at_sentence_ends() {
        assert_eq!(
            texts(
                "Are\nnegotiations designed to succeed…\nor are\nthey not?\nBecause\nit matters."
            ),
            [
                "Are negotiations designed to succeed… or are they not?",
                "Because it matters."
            ]
        );
    }

    #[test]
    fn a_dash_at_a_line_end_glues() {
        assert_eq!(
            join_lines(&["Guard Corps—".into(), "not merely".into()]),
            "Guard Corps—not merely"
        );
        assert_eq!(
            join_lines(&["Great-".into(), "Britain".into()]),
            "Great-Britain"
        );
        // A hyphen at a line end is a compound's, never a typesetter's: it stays.
        assert_eq!(
            join_lines(&["a well-".into(), "constructed Union".into()]),
            "a well-constructed Union"
        );
        assert_eq!(
            join_lines(&["security. --".into(), "Such".into()]),
            "security. -- Such"
        );
    }
}
