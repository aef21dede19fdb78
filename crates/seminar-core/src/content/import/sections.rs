//! Sections from units and headings: label titles, two-level labels, empty headings, untitled texts.

use super::case;
use super::headings::{Headings, Label, Style, is_label_title, parse_label};
use super::reflow::{Kind, Unit};
use crate::content::model::Block;

/// A section on its way out, with the raw line its heading stands on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Draft {
    pub title: String,
    pub line: usize,
    pub blocks: Vec<Block>,
}

#[cfg(test)]
impl Draft {
    /// A section titled "T" at line 1 made of these paragraphs, for tests.
    pub(crate) fn of_paragraphs(texts: &[&str]) -> Draft {
        Draft {
            title: "T".into(),
            line: 1,
            blocks: texts
                .iter()
                .map(|t| Block::Paragraph((*t).into()))
                .collect(),
        }
    }
}

/// Labels that only name a level, not a work: never used as a text's title.
const GENERIC_LABELS: &[&str] = &[
    "act",
    "amendment",
    "article",
    "book",
    "canto",
    "chapter",
    "essay",
    "letter",
    "number",
    "paper",
    "part",
    "psalm",
    "scene",
    "section",
    "volume",
];

/// A label with no text of its own over labels of another kind ("Article 1." over "Section 1").
struct Parent {
    /// The parent's label kind: `article`.
    kind: String,
    /// The kind of the labels it heads: `section`.
    child: String,
    /// What its children's titles start with: `Article 1`.
    title: String,
}

/// The most words a text without headings may have and still be one section.
const ONE_SECTION_WORDS: usize = 2500;
/// About how many words each part of a long text without headings gets.
const PART_WORDS: usize = 1500;

/// The sections under the headings, and notices about headings that were skipped.
pub(crate) fn build(units: &[Unit], headings: &Headings, notices: &mut Vec<String>) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let mut parent: Option<Parent> = None;
    for (n, &start) in headings.indices.iter().enumerate() {
        let end = headings.indices.get(n + 1).copied().unwrap_or(units.len());
        let unit = &units[start];
        let label = match headings.style {
            Style::Labels | Style::Pattern => parse_label(&unit.text()),
            _ => None,
        };
        let (mut title, body_start) = match &label {
            Some(label) => label_title(label, units, start + 1, end),
            None if heading_is_text(unit, headings.style) => {
                (heading_title(unit, headings.style), start)
            }
            None => (heading_title(unit, headings.style), start + 1),
        };
        let blocks: Vec<Block> = units[body_start..end]
            .iter()
            .filter_map(Unit::block)
            .collect();
        if let Some(label) = &label {
            match &parent {
                Some(p) if p.child == label.kind && p.kind != label.kind => {
                    title = format!("{}, {title}", p.title);
                }
                _ => parent = None,
            }
            let next_label = headings
                .indices
                .get(n + 1)
                .and_then(|&i| parse_label(&units[i].text()))
                .filter(|next| next.kind != label.kind);
            if blocks.is_empty()
                && let Some(next) = next_label
            {
                parent = Some(Parent {
                    kind: label.kind.clone(),
                    child: next.kind,
                    title,
                });
                continue;
            }
        }
        if blocks.is_empty() {
            notices.push(format!(
                "heading \"{title}\" (line {}) has no text under it; skipped",
                unit.line
            ));
            continue;
        }
        drafts.push(Draft {
            title,
            line: unit.line,
            blocks,
        });
    }
    drafts
}

/// The title of a numbered label and the lines under it ("Federalist No. 10: The Same Subject
/// Continued (The Union as a Safeguard …)"), and where its body starts.
fn label_title(label: &Label, units: &[Unit], from: usize, end: usize) -> (String, usize) {
    let mut parts = Vec::new();
    let mut at = from;
    while at < end && parts.len() < 3 && is_label_title(&units[at], parts.is_empty()) {
        parts.push(case_title(&units[at].text()));
        at += 1;
    }
    if parts.is_empty() {
        (label.display.clone(), at)
    } else {
        (format!("{}: {}", label.display, parts.join(" ")), at)
    }
}

/// A heading's title: capitals title-cased, a closing stop dropped, an address cut at its first comma.
fn heading_title(unit: &Unit, style: Style) -> String {
    let text = unit.text();
    let text = text.trim_start_matches(['#', ' ']);
    if style == Style::Caps && !case::shape(text).all_caps {
        // An address: "To the Representatives of the … Quakers, or to so many of them as …".
        let head = text.split([',', ';']).next().unwrap_or(text);
        return case::title_case(head.trim_end_matches(['.', ':']).trim());
    }
    case_title(text)
}

/// A title without its closing stop, title-cased when it is written in capitals.
fn case_title(text: &str) -> String {
    let text = text
        .trim()
        .trim_end_matches(['.', ':', ';', ','])
        .trim_end();
    if case::shape(text).all_caps {
        case::title_case(text)
    } else {
        text.to_string()
    }
}

/// Whether the heading's unit also stays in the body: an address is text, not only a heading.
fn heading_is_text(unit: &Unit, style: Style) -> bool {
    style == Style::Caps && unit.kind == Kind::Prose && !case::shape(&unit.text()).all_caps
}

/// Sections for a text without headings: one when it is short, parts of about equal length otherwise.
pub(crate) fn untitled(units: &[Unit], title: &str) -> Vec<Draft> {
    let words: usize = units.iter().map(Unit::words).sum();
    let mut drafts: Vec<Draft> = Vec::new();
    if words <= ONE_SECTION_WORDS {
        let blocks: Vec<Block> = units.iter().filter_map(Unit::block).collect();
        if let Some(first) = units.first()
            && !blocks.is_empty()
        {
            drafts.push(Draft {
                title: title.to_string(),
                line: first.line,
                blocks,
            });
        }
        return drafts;
    }
    let parts = words.div_ceil(PART_WORDS);
    let target = words.div_ceil(parts);
    let mut count = 0;
    for unit in units {
        let Some(block) = unit.block() else { continue };
        match drafts.last_mut() {
            Some(draft) if count < target => draft.blocks.push(block),
            _ => {
                drafts.push(Draft {
                    title: format!("Part {}", drafts.len() + 1),
                    line: unit.line,
                    blocks: vec![block],
                });
                count = 0;
            }
        }
        count += unit.words();
    }
    drafts
}

/// A title for a text that shows none: "The Federalist" when every section is "FEDERALIST No. N",
/// else the opening words of its first paragraph up to a comma, else "Untitled text".
pub(crate) fn fallback_title(units: &[Unit], headings: &Headings) -> String {
    // Whether found by the heuristics or by `--heading`, headings that are all the same label
    // name the text after it.
    let mut kinds = headings
        .indices
        .iter()
        .map(|&i| parse_label(&units[i].text()).map(|l| l.kind));
    if let Some(Some(kind)) = kinds.next()
        && kinds.all(|k| k.as_ref() == Some(&kind))
        && !GENERIC_LABELS.contains(&kind.as_str())
    {
        return format!("The {}", case::title_case(&kind));
    }
    let opening = units
        .iter()
        .find(|u| u.kind == Kind::Prose && u.words() >= 8)
        .map(|u| u.text())
        .and_then(|t| {
            t.split([',', '.', ';', ':', '?', '!'])
                .next()
                .map(str::trim)
                .map(str::to_string)
        })
        .filter(|t| (2..=10).contains(&t.split_whitespace().count()));
    opening.unwrap_or_else(|| "Untitled text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::import::clean::lines;
    use crate::content::import::headings::{classify, find};
    use crate::content::import::reflow::units;

    fn titles(raw: &str) -> Vec<String> {
        let units = units(&lines(raw), None);
        let candidates: Vec<_> = units.iter().map(classify).collect();
        let headings = find(&units, &candidates, false);
        build(&units, &headings, &mut Vec::new())
            .into_iter()
            .map(|d| d.title)
            .collect()
    }

    #[test]
    fn two_label_levels_make_one_title() {
        let raw = "Article 1.\n\nSection 1\nText one.\n\nSection 2\nText two.\n\nArticle 2.\n\nText three.\n\nAmendment 1\nText four.\n\nAmendment 2\nText five.";
        assert_eq!(
            titles(raw),
            [
                "Article 1, Section 1",
                "Article 1, Section 2",
                "Article 2",
                "Amendment 1",
                "Amendment 2"
            ]
        );
    }

    #[test]
    fn label_title_lines_join_the_label() {
        let raw = "PAPER No. 1\n\nGeneral Introduction\n\nText.\n\nPAPER No. 2\n\nThe Same Subject\n\n(Concerning Dangers)\n\nMore text.";
        assert_eq!(
            titles(raw),
            [
                "Paper No. 1: General Introduction",
                "Paper No. 2: The Same Subject (Concerning Dangers)"
            ]
        );
    }
}
