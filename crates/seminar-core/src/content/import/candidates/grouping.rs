//! Grouping a text's names into actors: plural and singular, a word and the longer name it
//! mostly appears in, and adjectives of places.

use std::collections::{BTreeMap, HashMap};

/// Endings of adjectives formed from place names ("British", "American", "Roman", "Chinese").
const ADJECTIVE_ENDS: &[&str] = &["ian", "ean", "an", "ish", "ese", "ic"];
/// How many first letters an adjective shares with its place at least ("Bri" in "British", "Britain").
const ADJECTIVE_PREFIX: usize = 3;

/// Groups a text's names into actors: plurals, a word inside the longer name it mostly
/// appears in, and adjectives of places.
pub(super) fn group(forms: &BTreeMap<String, usize>) -> Vec<Vec<String>> {
    let names: Vec<&String> = forms.keys().collect();
    let index: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    let mut parent: Vec<usize> = (0..names.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut join = |a: usize, b: usize| {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[rb] = ra;
        }
    };
    // Spellings of one name: "Vice President", "Vice-President".
    let mut spellings: HashMap<String, usize> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        let key = name.replace('-', " ").to_lowercase();
        match spellings.get(&key) {
            Some(&j) => join(j, i),
            None => {
                spellings.insert(key, i);
            }
        }
    }
    // Singular and plural.
    for (i, name) in names.iter().enumerate() {
        for plural in plurals(name) {
            if let Some(&j) = index.get(plural.as_str()) {
                join(i, j);
            }
        }
    }
    // Looking names up by their last word, rather than scanning every name for each word, keeps
    // grouping linear: a text (or binary noise) can have hundreds of thousands of names.
    let mut phrases_ending: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_prefix: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, name) in names.iter().enumerate() {
        let last = last_word(name);
        if name.contains([' ', '-']) {
            phrases_ending.entry(last).or_default().push(j);
        }
        if let Some(prefix) = adjective_prefix(last) {
            by_prefix.entry(prefix).or_default().push(j);
        }
    }
    // A word and the longer name it mostly appears in ("Britain" in "Great Britain").
    for (i, word) in names
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.contains([' ', '-']))
    {
        let best = phrases_ending
            .get(word.as_str())
            .into_iter()
            .flatten()
            .max_by_key(|&&j| forms[names[j].as_str()]);
        if let Some(&j) = best
            && forms[names[j].as_str()] >= forms[word.as_str()]
        {
            join(j, i);
        }
    }
    // Adjectives of places ("British" → "Britain", "Americans" → "America"). An adjective shares
    // its first letters with its place, so only names with the same opening are compared.
    for (i, adjective) in names.iter().enumerate().filter(|(_, n)| !n.contains(' ')) {
        let singular = singular(adjective);
        let Some(prefix) = adjective_prefix(&singular) else {
            continue;
        };
        let base = by_prefix.get(&prefix).into_iter().flatten().find(|&&j| {
            let last = last_word(names[j]);
            j != i && is_adjective_of(&singular, last) && !is_adjective_of(last, &singular)
        });
        if let Some(&j) = base {
            join(j, i);
        }
    }
    let mut groups: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push((*name).clone());
    }
    groups.into_values().collect()
}

/// The last word of a name: "Britain" in "Great Britain" and in "Great-Britain".
pub(super) fn last_word(name: &str) -> &str {
    name.rsplit([' ', '-']).next().unwrap_or(name)
}

/// The opening an adjective shares with its place: [`is_adjective_of`] needs three letters in common.
pub(super) fn adjective_prefix(word: &str) -> Option<String> {
    let prefix: String = word.chars().take(ADJECTIVE_PREFIX).collect();
    (prefix.chars().count() == ADJECTIVE_PREFIX).then_some(prefix)
}

/// The plural spellings of a name ("State" → "States"; "Colony" → "Colonies").
pub(super) fn plurals(name: &str) -> Vec<String> {
    let mut out = vec![format!("{name}s"), format!("{name}es")];
    if let Some(stem) = name.strip_suffix('y') {
        out.push(format!("{stem}ies"));
    }
    out
}

/// "Americans" → "American"; other words unchanged.
pub(super) fn singular(word: &str) -> String {
    word.strip_suffix('s')
        .filter(|s| ADJECTIVE_ENDS.iter().any(|e| s.ends_with(e)))
        .unwrap_or(word)
        .to_string()
}

/// Whether `adjective` is formed from the place name `base` ("British" from "Britain").
pub(super) fn is_adjective_of(adjective: &str, base: &str) -> bool {
    if adjective == base || adjective.contains(' ') {
        return false;
    }
    let Some(end) = ADJECTIVE_ENDS.iter().find(|e| adjective.ends_with(*e)) else {
        return false;
    };
    let common = adjective
        .chars()
        .zip(base.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let base_len = base.chars().count();
    let tail = adjective.chars().count() - common;
    common >= ADJECTIVE_PREFIX
        && common + 3 >= base_len
        && tail <= end.len() + 2
        && !adjective.ends_with("man")
}

pub(super) fn is_adjective_of_any(form: &str, members: &[String]) -> bool {
    let singular = singular(form);
    members.iter().any(|m| {
        let last = last_word(m);
        m != form && is_adjective_of(&singular, last)
    })
}
