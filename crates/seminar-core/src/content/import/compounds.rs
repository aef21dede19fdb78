//! Compound words whose hyphen the source lost ("wellconstructed"): the hyphen is put back.
//!
//! The re-flow never drops a hyphen (a line ending "well-" joins the next line as "well-constructed"),
//! but some sources were de-hyphenated before they reached us, and their compounds come run
//! together. Two signs tell such a word from a real one:
//! - the text itself writes it with a hyphen at least as often ("wellinformed" 3 times,
//!   "well-informed" 4 times);
//! - it is `well`, `ill` or `self` run into a participle the text uses on its own
//!   ("wellbalanced", with "balanced" elsewhere in the text).

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::sections::Draft;
use crate::content::model::Block;

/// A word: letters, perhaps joined by hyphens.
static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{L}+(?:-\p{L}+)*")
        .unwrap_or_else(|e| unreachable!("the word pattern is valid: {e}"))
});

/// Prefixes English writes with a hyphen before a participle ("well-timed", "self-appointed").
const PREFIXES: &[&str] = &["well", "ill", "self"];

/// Endings of the participles those prefixes take ("balanced", "meaning", "known", "taken").
const PARTICIPLE_ENDS: &[&str] = &["ed", "ing", "wn", "en"];

/// Puts the hyphen back into run-together compounds in every block; returns the repairs made
/// (run-together form, repaired form), each once, in the order first met.
pub(crate) fn repair(drafts: &mut [Draft]) -> Vec<(String, String)> {
    let fixes = fixes(drafts.iter().flat_map(|d| d.blocks.iter()));
    if fixes.is_empty() {
        return Vec::new();
    }
    let mut made: Vec<(String, String)> = Vec::new();
    for draft in drafts.iter_mut() {
        for block in &mut draft.blocks {
            match block {
                Block::Paragraph(text) => apply(text, &fixes, &mut made),
                Block::List(items) => {
                    for item in items {
                        apply(item, &fixes, &mut made);
                    }
                }
            }
        }
    }
    made
}

/// Where the hyphens go, by lowercase run-together word: byte offsets in that word.
fn fixes<'a>(blocks: impl Iterator<Item = &'a Block>) -> HashMap<String, Vec<usize>> {
    let mut plain: HashMap<String, usize> = HashMap::new();
    let mut hyphenated: HashMap<String, (Vec<usize>, usize)> = HashMap::new();
    for block in blocks {
        let text = block.plain_text();
        for word in WORD.find_iter(&text) {
            let word = word.as_str().to_lowercase();
            if word.contains('-') {
                let (joined, cuts) = unhyphenate(&word);
                hyphenated.entry(joined).or_insert((cuts, 0)).1 += 1;
            } else {
                *plain.entry(word).or_insert(0) += 1;
            }
        }
    }
    let mut fixes = HashMap::new();
    for (word, &count) in &plain {
        if let Some((cuts, twins)) = hyphenated.get(word)
            && *twins >= count
        {
            fixes.insert(word.clone(), cuts.clone());
        } else if let Some(cut) = participle_compound(word, &plain) {
            fixes.insert(word.clone(), vec![cut]);
        }
    }
    fixes
}

/// "well-informed" → ("wellinformed", [4]).
fn unhyphenate(word: &str) -> (String, Vec<usize>) {
    let mut joined = String::with_capacity(word.len());
    let mut cuts = Vec::new();
    for (i, piece) in word.split('-').enumerate() {
        if i > 0 {
            cuts.push(joined.len());
        }
        joined.push_str(piece);
    }
    (joined, cuts)
}

/// Where "wellbalanced" splits ("well" + "balanced") when the text uses the participle alone.
fn participle_compound(word: &str, plain: &HashMap<String, usize>) -> Option<usize> {
    let prefix = PREFIXES.iter().find(|p| word.starts_with(**p))?;
    let rest = &word[prefix.len()..];
    (rest.chars().count() >= 4
        && PARTICIPLE_ENDS.iter().any(|e| rest.ends_with(e))
        && plain.contains_key(rest))
    .then_some(prefix.len())
}

/// Repairs the words of `text` found in `fixes`, keeping their case.
fn apply(text: &mut String, fixes: &HashMap<String, Vec<usize>>, made: &mut Vec<(String, String)>) {
    let mut changed = false;
    let repaired = WORD.replace_all(text, |m: &regex::Captures<'_>| {
        let word = &m[0];
        let lower = word.to_lowercase();
        // Lowercasing can change byte lengths (rare letters); such words are left alone.
        match fixes.get(&lower).filter(|_| lower.len() == word.len()) {
            Some(cuts) => {
                let mut out = String::with_capacity(word.len() + cuts.len());
                let mut from = 0;
                for &cut in cuts {
                    if !word.is_char_boundary(cut) {
                        return word.to_string();
                    }
                    out.push_str(&word[from..cut]);
                    out.push('-');
                    from = cut;
                }
                out.push_str(&word[from..]);
                changed = true;
                if !made.iter().any(|(w, _)| w.eq_ignore_ascii_case(word)) {
                    made.push((word.to_string(), out.clone()));
                }
                out
            }
            None => word.to_string(),
        }
    });
    if changed {
        *text = repaired.into_owned();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(texts: &[&str]) -> Draft {
        Draft::of_paragraphs(texts)
    }

    #[test]
    fn a_compound_the_text_also_hyphenates_gets_its_hyphen_back() {
        let mut drafts = vec![draft(&[
            "A wellconstructed Union.",
            "A well-constructed Senate; our fellow-citizens and Fellowcitizens.",
            "Overmatch, overmatch, over-match.",
        ])];
        let made = repair(&mut drafts);
        assert_eq!(
            drafts[0].blocks,
            [
                Block::Paragraph("A well-constructed Union.".into()),
                Block::Paragraph(
                    "A well-constructed Senate; our fellow-citizens and Fellow-citizens.".into()
                ),
                // The run-together spelling is the text's usual one: it stays.
                Block::Paragraph("Overmatch, overmatch, over-match.".into()),
            ]
        );
        assert_eq!(
            made,
            [
                (
                    "wellconstructed".to_string(),
                    "well-constructed".to_string()
                ),
                ("Fellowcitizens".to_string(), "Fellow-citizens".to_string()),
            ]
        );
    }

    #[test]
    fn well_ill_and_self_before_a_participle_the_text_uses_are_compounds() {
        let mut drafts = vec![draft(&[
            "A wellbalanced and welltimed plan, balanced and timed; selfish wellbeing.",
        ])];
        repair(&mut drafts);
        assert_eq!(
            drafts[0].blocks,
            [Block::Paragraph(
                "A well-balanced and well-timed plan, balanced and timed; selfish wellbeing."
                    .into()
            )]
        );
    }
}
