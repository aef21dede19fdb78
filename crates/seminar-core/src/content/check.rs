//! The rules a content directory must follow, and the problems (with file and line) that break them.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::content::fold::{fold, fold_words};
use crate::content::load::{ParsedSection, ParsedText, text_id};
pub use crate::content::problem::{Problem, Severity, report};

/// The fewest prompts a section should have for a study group to choose from.
pub const MIN_PROMPTS: usize = 2;

/// Checks one parsed text against every rule.
pub fn validate(text: &ParsedText) -> Vec<Problem> {
    let mut problems = Vec::new();
    let meta_path = &text.meta_path;
    if text.meta.title.trim().is_empty() {
        problems.push(Problem::error(meta_path, Some(1), "the text has no title"));
    }
    let actors = check_actors(text, &mut problems);
    let themes = check_themes(text, &mut problems);
    let numbers = check_numbering(text, &mut problems);
    let last = numbers.iter().max().copied().unwrap_or(0);
    check_parts(text, last, &mut problems);
    let prompted = text.sections.iter().any(|s| !s.front.prompts.is_empty());
    if !prompted && !text.sections.is_empty() {
        problems.push(Problem::warning(
            &text.meta_path,
            None,
            format!("the text has no discussion prompts yet; add at least {MIN_PROMPTS} to each section's front matter"),
        ));
    }
    for section in &text.sections {
        check_section(section, &actors, &themes, &numbers, prompted, &mut problems);
    }
    problems
}

/// Checks rules that span texts: two texts may not share an id.
pub fn validate_library(texts: &[ParsedText], problems: &mut Vec<Problem>) {
    let mut seen: HashMap<String, &Path> = HashMap::new();
    for text in texts {
        let id = text_id(text);
        if let Some(first) = seen.insert(id.clone(), &text.meta_path) {
            problems.push(Problem::error(
                &text.meta_path,
                None,
                format!("text id {id:?} is also used by {}", first.display()),
            ));
        }
    }
}

fn check_actors(text: &ParsedText, problems: &mut Vec<Problem>) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut names: HashMap<String, String> = HashMap::new();
    for entry in &text.meta.actors {
        let line = Some(text.line(entry.span()));
        let actor = entry.get_ref();
        if !valid_id(&actor.id) {
            problems.push(Problem::error(
                &text.meta_path,
                line,
                format!(
                    "actor id {:?} must be lowercase letters, digits and dashes",
                    actor.id
                ),
            ));
        }
        if !ids.insert(actor.id.clone()) {
            problems.push(Problem::error(
                &text.meta_path,
                line,
                format!("duplicate actor id {:?}", actor.id),
            ));
        }
        if actor.name.trim().is_empty() {
            problems.push(Problem::error(
                &text.meta_path,
                line,
                format!("actor {:?} has no name", actor.id),
            ));
        }
        if actor.draft {
            problems.push(Problem::warning(
                &text.meta_path,
                line,
                format!(
                    "actor {:?} is a candidate `seminar import` proposed: review its name and aliases, then remove `draft = true`",
                    actor.id
                ),
            ));
        }
        if actor.description.trim().is_empty() {
            problems.push(Problem::warning(
                &text.meta_path,
                line,
                format!("actor {:?} has no description", actor.id),
            ));
        }
        for name in std::iter::once(&actor.name).chain(&actor.aliases) {
            let key = fold_words(name);
            if key.is_empty() {
                problems.push(Problem::error(
                    &text.meta_path,
                    line,
                    format!("actor {:?} has an empty alias", actor.id),
                ));
                continue;
            }
            if let Some(owner) = names.insert(key, actor.id.clone())
                && owner != actor.id
            {
                problems.push(Problem::error(
                    &text.meta_path,
                    line,
                    format!(
                        "name {name:?} of actor {:?} is already a name of actor {owner:?}",
                        actor.id
                    ),
                ));
            }
        }
    }
    ids
}

fn check_themes(text: &ParsedText, problems: &mut Vec<Problem>) -> HashSet<String> {
    let mut ids = HashSet::new();
    for entry in &text.meta.themes {
        let line = Some(text.line(entry.span()));
        let theme = entry.get_ref();
        if !valid_id(&theme.id) {
            problems.push(Problem::error(
                &text.meta_path,
                line,
                format!(
                    "theme id {:?} must be lowercase letters, digits and dashes",
                    theme.id
                ),
            ));
        }
        if !ids.insert(theme.id.clone()) {
            problems.push(Problem::error(
                &text.meta_path,
                line,
                format!("duplicate theme id {:?}", theme.id),
            ));
        }
        if theme.name.trim().is_empty() {
            problems.push(Problem::error(
                &text.meta_path,
                line,
                format!("theme {:?} has no name", theme.id),
            ));
        }
    }
    ids
}

/// Section numbers must be unique and run 1..=N without gaps. Returns the numbers present.
fn check_numbering(text: &ParsedText, problems: &mut Vec<Problem>) -> HashSet<u32> {
    if text.sections.is_empty() {
        problems.push(Problem::error(
            &text.dir.join("sections"),
            None,
            "the text has no sections",
        ));
        return HashSet::new();
    }
    let mut first_file: HashMap<u32, &ParsedSection> = HashMap::new();
    for section in &text.sections {
        let number = *section.front.number.get_ref();
        let line = Some(section.line(section.front.number.span()));
        if number == 0 {
            problems.push(Problem::error(
                &section.path,
                line,
                "section numbers start at 1",
            ));
        }
        if let Some(first) = first_file.get(&number) {
            problems.push(Problem::error(
                &section.path,
                line,
                format!(
                    "duplicate section number {number} (also in {})",
                    first.path.display()
                ),
            ));
        } else {
            first_file.insert(number, section);
        }
    }
    let count = u32::try_from(first_file.len()).unwrap_or(u32::MAX);
    for missing in (1..=count).filter(|n| !first_file.contains_key(n)) {
        problems.push(Problem::error(
            &text.dir.join("sections"),
            None,
            format!(
                "section {missing} is missing: sections are numbered 1 to {count} without gaps"
            ),
        ));
    }
    first_file.keys().copied().collect()
}

fn check_parts(text: &ParsedText, last: u32, problems: &mut Vec<Problem>) {
    let path = &text.meta_path;
    if text.meta.parts.is_empty() {
        return;
    }
    let mut covered: HashMap<u32, u32> = HashMap::new();
    for entry in &text.meta.parts {
        let line = Some(text.line(entry.span()));
        let part = entry.get_ref();
        if part.first == 0 || part.first > part.last {
            problems.push(Problem::error(
                path,
                line,
                format!(
                    "part {} runs from {} to {}: first must be at least 1 and not after last",
                    part.number, part.first, part.last
                ),
            ));
            continue;
        }
        if part.last > last {
            problems.push(Problem::error(
                path,
                line,
                format!(
                    "part {} ends at section {} but the last section is {last}",
                    part.number, part.last
                ),
            ));
        }
        for n in part.first..=part.last.min(last) {
            if let Some(other) = covered.insert(n, part.number) {
                problems.push(Problem::error(
                    path,
                    line,
                    format!("section {n} is in part {other} and part {}", part.number),
                ));
            }
        }
    }
    let uncovered: Vec<String> = (1..=last)
        .filter(|n| !covered.contains_key(n))
        .map(|n| n.to_string())
        .collect();
    if !uncovered.is_empty() {
        problems.push(Problem::error(
            path,
            None,
            format!("sections {} belong to no part", uncovered.join(", ")),
        ));
    }
}

fn check_section(
    section: &ParsedSection,
    actors: &HashSet<String>,
    themes: &HashSet<String>,
    numbers: &HashSet<u32>,
    prompted: bool,
    problems: &mut Vec<Problem>,
) {
    let path = &section.path;
    let front = &section.front;
    if front.title.trim().is_empty() {
        problems.push(Problem::error(
            path,
            Some(section.front_line),
            "the section has no title",
        ));
    }
    if section.blocks.is_empty() {
        problems.push(Problem::error(
            path,
            Some(section.body_line),
            "the section is empty: no text after the front matter",
        ));
    }
    check_refs(section, "actor", &front.actors, actors, problems);
    check_refs(section, "theme", &front.themes, themes, problems);
    for related in &front.related {
        if !numbers.contains(related.get_ref()) {
            problems.push(Problem::error(
                path,
                Some(section.line(related.span())),
                format!("related section {} does not exist", related.get_ref()),
            ));
        }
    }
    if prompted && front.prompts.len() < MIN_PROMPTS {
        problems.push(Problem::warning(
            path,
            Some(section.front_line),
            format!(
                "the section has {} prompt(s); a study group needs at least {MIN_PROMPTS}",
                front.prompts.len()
            ),
        ));
    }
    let text = fold(
        &section
            .blocks
            .iter()
            .map(|b| b.plain_text())
            .collect::<Vec<_>>()
            .join(" "),
    );
    for prompt in &front.prompts {
        let line = Some(section.line(prompt.span()));
        let entry = prompt.get_ref();
        if entry.text.trim().is_empty() {
            problems.push(Problem::error(path, line, "a prompt has no text"));
        }
        check_refs(section, "actor", &entry.actors, actors, problems);
        check_refs(section, "theme", &entry.themes, themes, problems);
        if let Some(quote) = &entry.quote
            && !text.contains(&fold(quote))
        {
            problems.push(Problem::error(
                path,
                line,
                format!("the prompt's quote {quote:?} is not in the section's text"),
            ));
        }
    }
}

fn check_refs(
    section: &ParsedSection,
    kind: &str,
    refs: &[toml::Spanned<String>],
    known: &HashSet<String>,
    problems: &mut Vec<Problem>,
) {
    for r in refs {
        if !known.contains(r.get_ref()) {
            let mut list: Vec<&str> = known.iter().map(String::as_str).collect();
            list.sort_unstable();
            problems.push(Problem::error(
                &section.path,
                Some(section.line(r.span())),
                format!(
                    "unknown {kind} {:?} (known: {})",
                    r.get_ref(),
                    if list.is_empty() {
                        "none".to_string()
                    } else {
                        list.join(", ")
                    }
                ),
            ));
        }
    }
}

/// Ids are what custom ids and options carry: keep them short, lowercase and URL-safe.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
