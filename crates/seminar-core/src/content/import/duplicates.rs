//! Duplicate sections: the same title over (nearly) the same text is dropped; the same title over different text is reported.

use std::collections::HashMap;

use super::sections::Draft;
use crate::content::model::Block;

/// How alike two sections' words must be (0 to 1) to count as one section printed twice.
const SAME_TEXT: f64 = 0.95;

/// Drops later copies of a section (reported), then reports titles that several sections share.
pub(crate) fn dedupe(drafts: Vec<Draft>, notices: &mut Vec<String>) -> Vec<Draft> {
    let mut kept: Vec<Draft> = Vec::new();
    // Only sections under the same title are compared: a text can have a hundred thousand.
    let mut titled: HashMap<String, Vec<usize>> = HashMap::new();
    for draft in drafts {
        let same_title = titled.entry(title_key(&draft.title)).or_default();
        let copy = same_title
            .iter()
            .map(|&i| &kept[i])
            .find(|k| similarity(&k.blocks, &draft.blocks) >= SAME_TEXT);
        match copy {
            Some(first) => notices.push(format!(
                "duplicate section: {} appears twice (lines {} and {}); kept the first",
                draft.title, first.line, draft.line
            )),
            None => {
                same_title.push(kept.len());
                kept.push(draft);
            }
        }
    }
    let mut shared: Vec<(String, Vec<usize>)> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (i, draft) in kept.iter().enumerate() {
        let slot = *by_key.entry(title_key(&draft.title)).or_insert_with(|| {
            shared.push((draft.title.clone(), Vec::new()));
            shared.len() - 1
        });
        shared[slot].1.push(i + 1);
    }
    for (title, numbers) in shared.into_iter().filter(|(_, n)| n.len() > 1) {
        notices.push(format!(
            "sections {} share the title \"{title}\"",
            and_list(&numbers)
        ));
    }
    kept
}

/// Titles compare without case and spacing.
fn title_key(title: &str) -> String {
    title
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// "15 and 26", "3, 7 and 9".
fn and_list(numbers: &[usize]) -> String {
    let words: Vec<String> = numbers.iter().map(ToString::to_string).collect();
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => words.join(""),
    }
}

/// How alike two texts' words are: twice the shared words over all words (1 = same words).
fn similarity(a: &[Block], b: &[Block]) -> f64 {
    let (wa, wb) = (words(a), words(b));
    let total = wa.values().sum::<usize>() + wb.values().sum::<usize>();
    if total == 0 {
        return 1.0;
    }
    let shared: usize = wa
        .iter()
        .map(|(w, n)| (*n).min(wb.get(w).copied().unwrap_or(0)))
        .sum();
    (2 * shared) as f64 / total as f64
}

/// The lowercase words of some blocks, counted.
fn words(blocks: &[Block]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for block in blocks {
        for word in block
            .plain_text()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            *counts.entry(word.to_lowercase()).or_insert(0) += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(title: &str, line: usize, text: &str) -> Draft {
        Draft {
            title: title.into(),
            line,
            blocks: vec![Block::Paragraph(text.into())],
        }
    }

    #[test]
    fn a_copy_is_dropped_and_a_namesake_reported() {
        let mut notices = Vec::new();
        let kept = dedupe(
            vec![
                draft("A", 1, "one two three"),
                draft("B", 5, "x"),
                draft("A", 9, "one two three"),
                draft("B", 12, "y"),
            ],
            &mut notices,
        );
        assert_eq!(kept.len(), 3);
        assert_eq!(
            notices,
            [
                "duplicate section: A appears twice (lines 1 and 9); kept the first",
                "sections 2 and 3 share the title \"B\""
            ]
        );
    }
}
