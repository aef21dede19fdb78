//! Notes printed after a section's text: taken out of the running text and set as a `Notes:` list
//! at the end of their section, with the references in the text written `[1]`.
//!
//! Notes are found two ways:
//! - after the signature that closes most sections of a text ("PUBLIUS."), everything is notes,
//!   numbered or not; a signature run into the last paragraph ("…investigation. PUBLIUS.") is
//!   cut out of it first;
//! - without a signature, a run of paragraphs at the end that each open with a note marker:
//!   `FNA1-@2` or `[2]` anywhere, or a plain `2`/`2.` when the text refers to that note (`word.2`).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::case::shape;
use super::sections::Draft;
use crate::content::model::Block;

/// The paragraph that opens the notes list.
pub(crate) const NOTES_HEADING: &str = "Notes:";

/// `FNA1-@2 text` (a converter's marker), `[2] text`.
static TAGGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z]{1,4}\d{0,3}-@(?P<a>\d{1,3})|\[(?P<b>\d{1,3})\])\s*(?P<text>.*)$")
        .unwrap_or_else(|e| unreachable!("the note pattern is valid: {e}"))
});

/// `2 text`, `2. text`.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<n>\d{1,2})\.?\s+(?P<text>\D.*)$")
        .unwrap_or_else(|e| unreachable!("the note pattern is valid: {e}"))
});

/// `* text`, `† text`.
static STARRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[*†‡]+\s*(?P<text>\S.*)$")
        .unwrap_or_else(|e| unreachable!("the note pattern is valid: {e}"))
});

/// One note, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Note {
    number: Option<u32>,
    /// Whether the marker is a plain number, whose references in the text are plain numbers too.
    plain: bool,
    /// Whether the marker says outright that this is a note (`FNA1-@1`, `[1]`, `*`).
    tagged: bool,
    text: String,
}

/// Sets the notes of every section apart; returns how many notes were found in how many sections.
pub(crate) fn extract(drafts: &mut [Draft]) -> (usize, usize) {
    let signature = signature(drafts);
    let (mut notes, mut sections) = (0, 0);
    for draft in drafts {
        let found = set_apart(&mut draft.blocks, signature.as_deref());
        if found > 0 {
            notes += found;
            sections += 1;
        }
    }
    (notes, sections)
}

/// The signature that closes most sections: a short line in capitals ending with a stop
/// ("PUBLIUS."), standing alone in at least a third of the sections (and two).
fn signature(drafts: &[Draft]) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for draft in drafts {
        let mut seen: Vec<&str> = Vec::new();
        for block in &draft.blocks {
            if let Block::Paragraph(text) = block
                && is_signature_like(text)
                && !seen.contains(&text.as_str())
            {
                seen.push(text);
                *counts.entry(text).or_insert(0) += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= 2 && n * 3 >= drafts.len())
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(text, _)| text.to_string())
}

/// "PUBLIUS.", "A FARMER.": one to three words in capitals, closed by a stop.
fn is_signature_like(text: &str) -> bool {
    let s = shape(text);
    s.all_caps
        && (1..=3).contains(&s.words)
        && text.chars().count() <= 40
        && text.ends_with('.')
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 3
}

/// Moves the notes at the end of `blocks` into a notes list; returns how many there were.
fn set_apart(blocks: &mut Vec<Block>, signature: Option<&str>) -> usize {
    let start = signature
        .and_then(|s| after_signature(blocks, s))
        .or_else(|| trailing_notes(blocks));
    let Some(start) = start.filter(|&s| s < blocks.len()) else {
        return 0;
    };
    let notes: Vec<Note> = blocks[start..]
        .iter()
        .flat_map(|b| match b {
            Block::Paragraph(p) => vec![p.clone()],
            Block::List(items) => items.clone(),
        })
        .map(|p| read_note(&p))
        .filter(|n| !n.text.is_empty())
        .collect();
    blocks.truncate(start);
    if notes.is_empty() {
        return 0;
    }
    link_references(blocks, &notes);
    let items = notes
        .iter()
        .map(|n| match n.number {
            Some(number) => format!("[{number}] {}", n.text),
            None => n.text.clone(),
        })
        .collect();
    blocks.push(Block::Paragraph(NOTES_HEADING.to_string()));
    blocks.push(Block::List(items));
    notes.len()
}

/// Where the notes start: after the section's signature, cut out of a paragraph if need be.
fn after_signature(blocks: &mut Vec<Block>, signature: &str) -> Option<usize> {
    if let Some(at) = blocks
        .iter()
        .rposition(|b| matches!(b, Block::Paragraph(p) if p == signature))
    {
        return Some(at + 1);
    }
    // Run into one of the last paragraphs: "…investigation. PUBLIUS. Burgh's …".
    let from = blocks.len().saturating_sub(3);
    for i in (from..blocks.len()).rev() {
        let Block::Paragraph(text) = &blocks[i] else {
            continue;
        };
        let Some(at) = glued_signature(text, signature) else {
            continue;
        };
        let before = text[..at].trim().to_string();
        let after = text[at + signature.len()..].trim().to_string();
        let mut replacement = Vec::new();
        if !before.is_empty() {
            replacement.push(Block::Paragraph(before));
        }
        replacement.push(Block::Paragraph(signature.to_string()));
        let next = i + replacement.len();
        if !after.is_empty() {
            replacement.push(Block::Paragraph(after));
        }
        blocks.splice(i..=i, replacement);
        return Some(next);
    }
    None
}

/// The byte offset of the last whole-word `signature` inside `text`.
fn glued_signature(text: &str, signature: &str) -> Option<usize> {
    text.rmatch_indices(signature)
        .map(|(at, _)| at)
        .find(|&at| {
            let before = text[..at].chars().next_back();
            let after = text[at + signature.len()..].chars().next();
            before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace)
        })
}

/// Where a run of marked notes at the end of `blocks` starts, if there is one.
fn trailing_notes(blocks: &[Block]) -> Option<usize> {
    let mut start = blocks.len();
    while start > 0
        && let Block::Paragraph(text) = &blocks[start - 1]
        && read_note(text).number.is_some()
    {
        start -= 1;
    }
    if start == 0 || start == blocks.len() {
        return None;
    }
    let notes: Vec<Note> = blocks[start..]
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(read_note(p)),
            Block::List(_) => None,
        })
        .collect();
    let body: Vec<&str> = blocks[..start]
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            Block::List(_) => None,
        })
        .collect();
    // Plain numbers are only notes when they count up from 1 and the text refers to each.
    let increasing = notes
        .windows(2)
        .all(|w| w[0].number.unwrap_or(0) < w[1].number.unwrap_or(0));
    let plain_ok = notes.iter().all(|n| {
        n.tagged
            || n.number.is_some_and(|number| {
                body.iter().any(|p| {
                    p.contains(&format!("[{number}]")) || find_glued(p, number, 0).is_some()
                })
            })
    });
    let first_ok = notes[0].tagged || notes[0].number == Some(1);
    (increasing && plain_ok && first_ok).then_some(start)
}

/// Reads a note's marker and text; a stray bracket left after the marker goes.
fn read_note(text: &str) -> Note {
    let text = text.trim();
    let (number, plain, tagged, rest) = if let Some(c) = TAGGED.captures(text) {
        let number = c
            .name("a")
            .or_else(|| c.name("b"))
            .and_then(|m| m.as_str().parse().ok());
        (
            number,
            false,
            true,
            c.name("text").map_or("", |m| m.as_str()),
        )
    } else if let Some(c) = NUMBERED.captures(text) {
        let number = c.name("n").and_then(|m| m.as_str().parse().ok());
        (
            number,
            true,
            false,
            c.name("text").map_or("", |m| m.as_str()),
        )
    } else if let Some(c) = STARRED.captures(text) {
        (None, false, true, c.name("text").map_or("", |m| m.as_str()))
    } else {
        (None, false, false, text)
    };
    let rest = rest.trim_start_matches([']', ')', ' ']).trim();
    Note {
        number: number.filter(|&n| n > 0),
        plain,
        tagged,
        text: rest.to_string(),
    }
}

/// Writes the text's references to plain-numbered notes as `[n]`, in order through the text.
fn link_references(blocks: &mut [Block], notes: &[Note]) {
    let (mut block, mut from) = (0, 0);
    for number in notes.iter().filter(|n| n.plain).filter_map(|n| n.number) {
        let mut i = block;
        let mut start = from;
        while i < blocks.len() {
            if let Block::Paragraph(text) = &mut blocks[i]
                && let Some(at) = find_glued(text, number, start)
            {
                let digits = number.to_string();
                text.replace_range(at..at + digits.len(), &format!("[{digits}]"));
                block = i;
                from = at + digits.len() + 2;
                break;
            }
            i += 1;
            start = 0;
        }
    }
}

/// The byte offset, at or after `from`, of a note reference `number` set right after a word:
/// "whole.1 This", "prostitute,1", "neighbors."11", "impera1", but not "Article 1" or "1787.1".
fn find_glued(text: &str, number: u32, from: usize) -> Option<usize> {
    let digits = number.to_string();
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(found) = text.get(at..).and_then(|t| t.find(&digits)) {
        let pos = at + found;
        at = pos + digits.len();
        let after = bytes.get(at).copied();
        if after.is_some_and(|b| b.is_ascii_alphanumeric()) {
            continue;
        }
        let before: Vec<char> = text[..pos].chars().rev().take(4).collect();
        let mut k = 0;
        while k < before.len() && k < 3 && is_closing(before[k]) {
            k += 1;
        }
        if before.get(k).is_some_and(|c| c.is_alphabetic()) {
            return Some(pos);
        }
    }
    None
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’' | ')' | ']'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block::Paragraph((*t).into()))
            .collect()
    }

    fn draft(texts: &[&str]) -> Draft {
        Draft {
            title: "T".into(),
            line: 1,
            blocks: paragraphs(texts),
        }
    }

    fn notes(items: &[&str]) -> [Block; 2] {
        [
            Block::Paragraph(NOTES_HEADING.into()),
            Block::List(items.iter().map(|i| (*i).to_string()).collect()),
        ]
    }

    #[test]
    fn notes_after_the_signature_become_a_list_and_references_brackets() {
        let mut drafts = vec![
            draft(&[
                "Text of the whole.1 And more,2 then Article 1 stays.",
                "SIGNED.",
                "1 The same idea.",
                "2 ] Ibid.",
            ]),
            draft(&["Other text, which was signed. SIGNED. Burgh's \"Disquisitions.\""]),
            draft(&["Plain text.", "SIGNED."]),
        ];
        assert_eq!(extract(&mut drafts), (3, 2));
        let mut first = paragraphs(&[
            "Text of the whole.[1] And more,[2] then Article 1 stays.",
            "SIGNED.",
        ]);
        first.extend(notes(&["[1] The same idea.", "[2] Ibid."]));
        assert_eq!(drafts[0].blocks, first);
        let mut second = paragraphs(&["Other text, which was signed.", "SIGNED."]);
        second.extend(notes(&["Burgh's \"Disquisitions.\""]));
        assert_eq!(drafts[1].blocks, second);
        assert_eq!(drafts[2].blocks, paragraphs(&["Plain text.", "SIGNED."]));
    }

    #[test]
    fn tagged_notes_at_the_end_are_found_without_a_signature() {
        let mut blocks = paragraphs(&[
            "It grew. [1] Then it fell.",
            "FNA1-@1 This, as I recollect,",
            "FNA1-@2 Encyclopedia.",
        ]);
        assert_eq!(set_apart(&mut blocks, None), 2);
        let mut expected = paragraphs(&["It grew. [1] Then it fell."]);
        expected.extend(notes(&["[1] This, as I recollect,", "[2] Encyclopedia."]));
        assert_eq!(blocks, expected);
    }

    #[test]
    fn numbered_paragraphs_without_references_are_not_notes() {
        let texts = ["Three reasons follow.", "1 The first.", "2 The second."];
        let mut blocks = paragraphs(&texts);
        assert_eq!(set_apart(&mut blocks, None), 0);
        assert_eq!(blocks, paragraphs(&texts));
    }

    #[test]
    fn glued_references_need_a_word_before_them() {
        assert_eq!(find_glued("the whole.1 This", 1, 0), Some(10));
        assert_eq!(find_glued("neighbors.\"11 This", 11, 0), Some(11));
        assert_eq!(find_glued("Article 1 and 1787.1", 1, 0), None);
        assert_eq!(find_glued("States12 are", 1, 0), None);
    }
}
