//! Autocomplete: section titles, actor names and themes as the user types, at most 25, each name
//! at most 100 characters; what an option suggests is declared with it ([`Suggest`]).

use crate::engine::command::Suggest;
use crate::engine::{Choice, ChoiceValue, Context, Engine, Invocation, texts};
use crate::markup;

/// Discord's limit on autocomplete choices.
pub const MAX_CHOICES: usize = 25;
/// Discord's limit on a choice's name and string value.
pub const MAX_CHOICE_CHARS: usize = 100;
/// Candidates scoring below this are left out once the user has typed something.
const MIN_SCORE: f64 = 0.45;
/// Once something matches well, candidates this far below it are left out.
const BEST_MARGIN: f64 = 0.25;

/// Suggestions for the focused option of `invocation`.
pub fn run(engine: &Engine, invocation: &Invocation, context: &Context) -> Vec<Choice> {
    let Some(focused) = invocation.focused.as_deref() else {
        return Vec::new();
    };
    let typed = invocation.string(focused).unwrap_or_default();
    let typed = typed.trim();
    let Some(suggests) = engine
        .spec_of(invocation)
        .and_then(|spec| spec.option_of(invocation.subcommand.as_deref(), focused))
        .and_then(|option| option.suggests)
    else {
        return Vec::new();
    };
    if suggests == Suggest::Text {
        return texts::complete(engine, typed, texts::takes_all(&invocation.command));
    }
    // While the text option itself is half-typed or wrong, suggest from the group's text.
    let book = texts::choose(engine, invocation, context)
        .unwrap_or_else(|_| texts::group_text(engine, context));
    let text = book.text();
    let choices: Vec<Choice> = match suggests {
        Suggest::SectionTitle => strong(book.resolver().rank_sections(text, typed), typed)
            .into_iter()
            .map(|(_, s)| string_choice(&s.citation(), &s.citation()))
            .collect(),
        Suggest::Actor => strong(book.resolver().rank_actors(text, typed), typed)
            .into_iter()
            .map(|(_, a)| {
                let label = if a.aliases.is_empty() {
                    a.name.clone()
                } else {
                    format!("{} ({})", a.name, a.aliases.join(", "))
                };
                string_choice(&label, &a.name)
            })
            .collect(),
        Suggest::Theme => strong(book.resolver().rank_themes(text, typed), typed)
            .into_iter()
            .map(|(_, t)| string_choice(&t.name, &t.name))
            .collect(),
        Suggest::TimeZone => time_zones(typed),
        Suggest::SectionNumber => {
            let sections = text
                .sections
                .iter()
                .filter(|s| typed.is_empty() || s.number.to_string().starts_with(typed));
            sections
                .map(|s| Choice {
                    name: markup::cut(&s.citation(), MAX_CHOICE_CHARS),
                    value: ChoiceValue::Integer(i64::from(s.number)),
                })
                .collect()
        }
        Suggest::Text => Vec::new(),
    };
    choices.into_iter().take(MAX_CHOICES).collect()
}

/// Keeps every candidate before anything is typed; after that, those scoring near the best, so
/// that a clear prefix match is not buried under loose fuzzy ones.
fn strong<T>(ranked: Vec<(f64, T)>, typed: &str) -> Vec<(f64, T)> {
    if typed.is_empty() {
        return ranked;
    }
    let best = ranked.first().map_or(0.0, |(score, _)| *score);
    let floor = MIN_SCORE.max(best - BEST_MARGIN);
    ranked
        .into_iter()
        .filter(|(score, _)| *score >= floor)
        .collect()
}

/// IANA time zones: those starting with what was typed (or whose city does), else the closest.
fn time_zones(typed: &str) -> Vec<Choice> {
    let typed = typed.to_lowercase().replace(' ', "_");
    let mut zones: Vec<(f64, String)> = jiff::tz::db()
        .available()
        .map(|name| name.as_str().to_string())
        .filter(|name| name.contains('/') && !name.starts_with("Etc/"))
        .map(|name| {
            let lower = name.to_lowercase();
            let city = lower.rsplit('/').next().unwrap_or_default().to_string();
            let score = if typed.is_empty() {
                0.0
            } else if lower.starts_with(&typed) || city.starts_with(&typed) {
                2.0
            } else {
                strsim::jaro_winkler(&typed, &city).max(strsim::jaro_winkler(&typed, &lower))
            };
            (score, name)
        })
        .collect();
    zones.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    // Names that start with what was typed hide fuzzy ones; without any, the close ones show.
    let floor = match zones.first() {
        Some((best, _)) if *best >= 2.0 => 2.0,
        _ => 0.8,
    };
    zones
        .into_iter()
        .filter(|(score, _)| typed.is_empty() || *score >= floor)
        .take(MAX_CHOICES)
        .map(|(_, name)| string_choice(&name, &name))
        .collect()
}

fn string_choice(name: &str, value: &str) -> Choice {
    Choice {
        name: markup::cut(name, MAX_CHOICE_CHARS),
        value: ChoiceValue::String(markup::cut(value, MAX_CHOICE_CHARS)),
    }
}
