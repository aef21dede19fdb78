//! Paragraphs without blank lines between them: each starts on a new line and ends at a sentence end.

use super::case::{ends_sentence, is_small_word, starts_lowercase, starts_uppercase};
use super::clean::Line;
use super::headings::{is_heading_line, is_title_case_heading, is_title_line};
use super::reflow::{Kind, Unit, bullet, join_lines, list_unit};

/// Where a paragraph ends.
///
/// Three kinds of text have no blank lines between paragraphs: hard-wrapped texts (the essay),
/// where a paragraph ends at a line ending a sentence unless the next line starts lowercase;
/// texts with one paragraph per line, where every line is a paragraph; and double-spaced runs
/// (a blank line after every line), where a paragraph ends where the next line's first word
/// would have fit on the line: the wrap did not force that break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ends {
    /// At every line, unless the next line starts lowercase: one paragraph per line.
    Lines,
    /// At a line ending a sentence, unless the next line starts lowercase.
    Sentences,
    /// Where the next line's first word would have fit within this width.
    Fit(usize),
}

/// The longest a line may be and still be the short last line of a paragraph without a full stop.
const SHORT_LINE: usize = 40;

/// Cuts `lines` (none blank) into units, appending to `out`.
pub(crate) fn units(
    lines: &[&Line],
    forced: &dyn Fn(&Line) -> bool,
    ends: Ends,
    out: &mut Vec<Unit>,
) {
    let first_unit = out.is_empty();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if forced(line) {
            out.push(Unit {
                forced: true,
                ..prose(line, vec![line.text.clone()])
            });
            i += 1;
        } else if bullet(&line.text).is_some() {
            i = list_unit(lines, i, out);
        } else if let Some(taken) = standalone_heading(lines, i, first_unit && i == 0) {
            let texts = lines[i..i + taken].iter().map(|l| l.text.clone()).collect();
            out.push(prose(line, texts));
            i += taken;
        } else {
            let mut texts = vec![line.text.clone()];
            i += 1;
            while let Some(next) = lines.get(i)
                && !ends_paragraph(&texts, next, forced, ends)
            {
                texts.push(next.text.clone());
                i += 1;
            }
            out.push(prose(line, texts));
        }
    }
}

fn prose(line: &Line, lines: Vec<String>) -> Unit {
    Unit {
        line: line.no,
        kind: Kind::Prose,
        lines,
        forced: false,
    }
}

/// How many lines a heading at `i` takes (1, or 2 with "at the Same Time"), if the line is one.
///
/// A heading starts where a paragraph may start (every unit here does), and the line after it
/// must not continue it as a sentence would.
fn standalone_heading(lines: &[&Line], i: usize, first: bool) -> Option<usize> {
    let text = &lines[i].text;
    let next = lines.get(i + 1).map(|l| l.text.as_str());
    if first && is_title_line(text) && next.is_none_or(|n| !starts_lowercase(n)) {
        return Some(1);
    }
    if !is_heading_line(text) {
        return None;
    }
    match next {
        None => Some(1),
        Some(n) if !starts_lowercase(n) => Some(1),
        Some(n) => {
            let joined = join_lines(&[text.clone(), n.to_string()]);
            let after = lines.get(i + 2).map(|l| l.text.as_str());
            (is_title_case_heading(&joined) && after.is_none_or(|a| !starts_lowercase(a)))
                .then_some(2)
        }
    }
}

/// Whether the paragraph holding `lines` ends before `next`.
fn ends_paragraph(
    lines: &[String],
    next: &Line,
    forced: &dyn Fn(&Line) -> bool,
    ends: Ends,
) -> bool {
    let current = lines.last().map_or("", String::as_str);
    if forced(next) || bullet(&next.text).is_some() {
        return true;
    }
    if starts_lowercase(&next.text) {
        return false;
    }
    match ends {
        Ends::Lines => true,
        Ends::Fit(width) => {
            let first_word = next.text.split(' ').next().unwrap_or("");
            current.chars().count() + 1 + first_word.chars().count() <= width
        }
        Ends::Sentences => {
            // The wrap leaves only a paragraph's first words short, so a short later line with no
            // stop ("Negotiating" + "constraints") is the paragraph's last, unless it plainly runs on.
            ends_sentence(current)
                || is_lead_in(&next.text)
                || (lines.len() >= 2
                    && current.chars().count() < SHORT_LINE
                    && !runs_on(current)
                    && starts_uppercase(&next.text))
        }
    }
}

/// A capitalised word or two ending with a colon ("To:", "From:") opens a paragraph of its own.
fn is_lead_in(text: &str) -> bool {
    text.ends_with(':') && text.split_whitespace().count() <= 2 && starts_uppercase(text)
}

/// Whether a line plainly continues on the next: it ends with a comma, a dash or a small word.
fn runs_on(text: &str) -> bool {
    text.ends_with([',', ';', '—', '–', '-', '(', '/'])
        || text
            .split_whitespace()
            .last()
            .is_some_and(|w| is_small_word(&w.to_lowercase()))
}

/// The width a double-spaced run was wrapped at: the length most of its lines reach.
pub(crate) fn wrap_width(lines: &[&Line]) -> usize {
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.text.chars().count()).collect();
    lengths.sort_unstable();
    // The 90th percentile: a few overlong lines should not widen the wrap.
    lengths.get(lengths.len() * 9 / 10).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::import::clean;

    fn texts(raw: &str, ends: Ends) -> Vec<String> {
        let lines = clean::lines(raw);
        let refs: Vec<&Line> = lines.iter().collect();
        let mut out = Vec::new();
        units(&refs, &|_| false, ends, &mut out);
        out.iter().map(Unit::text).collect()
    }

    #[test]
    fn short_last_lines_end_a_paragraph_without_a_stop() {
        assert_eq!(
            texts(
                "From:\nControl\nTo:\nSetting\nterms\nTo:\nNegotiating\nconstraints\nThis is\nnot a retreat.",
                Ends::Sentences
            ),
            [
                "From:",
                "Control",
                "To:",
                "Setting terms",
                "To:",
                "Negotiating constraints",
                "This is not a retreat."
            ]
        );
    }

    #[test]
    fn a_break_the_wrap_did_not_force_ends_a_paragraph() {
        assert_eq!(
            texts(
                "The first paragraph runs on and on\nuntil it ends here.\nThe second one.",
                Ends::Fit(34)
            ),
            [
                "The first paragraph runs on and on until it ends here.",
                "The second one."
            ]
        );
        assert_eq!(
            texts("It ends a sentence right here.\nThen wraps.", Ends::Fit(34)),
            ["It ends a sentence right here. Then wraps."]
        );
    }
}
