//! The curated layer around the prose: titles, themes, parts, summaries, keywords and prompts.

use toml::Spanned;

use super::cast::CastMember;
use super::names::slug;
use super::prose::{Line, Prose, article, capitalize};
use seminar_core::content::files::{PartEntry, PromptEntry, ThemeEntry};

/// Words title case leaves in lower case unless they open the title or follow a colon.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "by", "at", "as", "but",
    "from", "into", "nor",
];
const TITLE_NOUNS: &[&str] = &[
    "Question",
    "Settlement",
    "Bargain",
    "Gamble",
    "Dilemma",
    "Compromise",
    "Paradox",
    "Wager",
    "Retreat",
    "Reckoning",
    "Impasse",
    "Calculation",
    "Long Game",
    "Quiet War",
    "Balance",
    "Burden",
];
const THEME_HEADS: &[&str] = &[
    "Security",
    "Sovereignty",
    "Legitimacy",
    "Leverage",
    "Dependence",
    "Deterrence",
    "Credibility",
    "Burden Sharing",
    "Autonomy",
    "Resilience",
    "Memory",
    "Order",
    "Alliances",
    "Bargaining",
    "Restraint",
    "Exposure",
    "Recalculation",
    "Rivalry",
    "Influence",
    "Stability",
];
const THEME_MODIFIERS: &[&str] = &[
    "Strategic",
    "Regional",
    "Domestic",
    "Economic",
    "Quiet",
    "Shared",
    "Contested",
    "Collective",
    "Hidden",
    "Fragile",
];
const AFTER_QUOTE: &[&str] = &[
    "Who gains from that, and who pays for it?",
    "What would have to change for that to stop being true?",
    "Does the rest of the section bear this out?",
    "Is that a fair reading, or a convenient one?",
    "Is the section right to put it so plainly?",
];

/// A theme and the topic nouns (positions in the text's topic) its sections lean on.
pub struct ThemePlan {
    pub entry: ThemeEntry,
    pub topic_nouns: Vec<usize>,
}

/// Title case: every word capitalized except small ones inside the title.
pub fn title_case(s: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for word in s.split(' ') {
        let after_colon = out.last().is_none_or(|w| w.ends_with(':'));
        if !after_colon && SMALL_WORDS.contains(&word) {
            out.push(word.to_string());
        } else {
            out.push(capitalize(word.to_string()));
        }
    }
    out.join(" ")
}

fn pick<'l>(prose: &mut Prose<'_>, list: &[&'l str]) -> &'l str {
    list[prose.rng.usize(..list.len())]
}

fn adjective(prose: &mut Prose<'_>) -> &'static str {
    prose.vocabulary.adjectives.pick(&mut prose.rng)
}

/// The text's title, its short name for citations, and a subtitle.
pub fn text_title(prose: &mut Prose<'_>, lead: &CastMember) -> (String, String, String) {
    let noun = pick(prose, TITLE_NOUNS);
    let demonym = lead.demonym.clone().unwrap_or_else(|| lead.name.clone());
    let short = format!("{demonym} {noun}");
    let (topic, _) = prose.noun(true);
    let (a, _) = prose.noun(true);
    let (b, _) = prose.noun(false);
    let adjective = adjective(prose);
    let subtitle = if prose.rng.bool() {
        format!("{topic}, {a} and the {adjective} {b}")
    } else {
        let verb = prose.vocabulary.verbs.pick(&mut prose.rng).third.clone();
        format!("how {} {verb} the {adjective} {b} of {topic}", lead.name)
    };
    (format!("The {short}"), short, title_case(&subtitle))
}

/// A section or part title, often naming the focus actor or the theme.
pub fn section_title(prose: &mut Prose<'_>, focus: &CastMember, theme: &ThemeEntry) -> String {
    let (one, _) = prose.noun(false);
    let (many, _) = prose.noun(true);
    let adjective = adjective(prose);
    let verb = prose.vocabulary.verbs.pick(&mut prose.rng);
    let title = match prose.rng.u32(0..10) {
        0 => format!("the {adjective} {one}"),
        1 => format!("{many} and {}", prose.noun(true).0),
        2 => format!("{}: {adjective} {many}", focus.name),
        3 => format!("why {} {} the {one}", focus.name, verb.third),
        4 => format!("the {one} of {many}"),
        5 => format!("{one} without {}", prose.noun(false).0),
        6 => format!("what the {one} {}", verb.third),
        7 => format!("{} {adjective} {one}", article(adjective)),
        8 => format!("when {many} {} the {one}", verb.base),
        _ => format!("{} and its limits", theme.name),
    };
    title_case(&title)
}

/// Four to eight themes, each a modifier and a head ("Energy Security"), with topic keywords.
pub fn themes(prose: &mut Prose<'_>) -> Vec<ThemePlan> {
    let count = prose.rng.usize(4..=8);
    let mut plans: Vec<ThemePlan> = Vec::new();
    while plans.len() < count {
        let modifier = if prose.rng.bool() {
            let topic = prose.topic;
            pick(prose, &topic.labels)
        } else {
            pick(prose, THEME_MODIFIERS)
        };
        let head = pick(prose, THEME_HEADS);
        let name = format!("{modifier} {head}");
        let id = slug(&name);
        if plans.iter().any(|p| p.entry.id == id) {
            continue;
        }
        let topic_nouns: Vec<usize> = (0..prose.rng.usize(2..=4))
            .map(|_| prose.topic.nouns.index(&mut prose.rng))
            .collect();
        let mut keywords = vec![head.to_lowercase(), name.to_lowercase()];
        for &i in &topic_nouns {
            let word = prose.topic.nouns.words[i].one.to_string();
            if !keywords.contains(&word) {
                keywords.push(word);
            }
        }
        let mut line = Line::default();
        line.w(&format!(
            "what {} means for the text's actors, and what follows when",
            head.to_lowercase()
        ));
        prose.clause(&mut line);
        line.p(".");
        plans.push(ThemePlan {
            entry: ThemeEntry {
                id,
                name,
                description: line.finish(),
                keywords,
            },
            topic_nouns,
        });
    }
    plans
}

/// Two to four parts covering sections `1..=sections` in order, or none (three texts in ten).
pub fn parts(
    prose: &mut Prose<'_>,
    sections: u32,
    cast: &[CastMember],
    themes: &[ThemePlan],
) -> Vec<PartEntry> {
    if sections < 12 || prose.chance(30) {
        return Vec::new();
    }
    let count = prose.rng.u32(2..=(sections / 5).min(4));
    let mut first = 1;
    (1..=count)
        .map(|number| {
            let last = if number == count {
                sections
            } else {
                let even = number * sections / count;
                (even + prose.rng.u32(0..=2))
                    .saturating_sub(1)
                    .max(first + 2)
            };
            let focus = &cast[prose.rng.usize(..cast.len())];
            let theme = &themes[prose.rng.usize(..themes.len())].entry;
            let part = PartEntry {
                number,
                title: section_title(prose, focus, theme),
                first,
                last,
            };
            first = last + 1;
            part
        })
        .collect()
}

/// One or two sentences on what the section argues.
pub fn summary(prose: &mut Prose<'_>) -> String {
    let mut s = Line::default();
    let (verb, link) = pick_pair(
        prose,
        &[
            ("argues", "that"),
            ("suggests", "that"),
            ("shows", "how"),
            ("examines", "how"),
            ("traces", "how"),
            ("asks", "why"),
        ],
    );
    s.w(verb);
    s.w(link);
    prose.clause(&mut s);
    if prose.chance(25) {
        s.p(",");
        s.w(pick(prose, &["and that", "and why", "and how", "while"]));
        prose.clause(&mut s);
    }
    s.p(".");
    s.finish()
}

fn pick_pair(
    prose: &mut Prose<'_>,
    list: &[(&'static str, &'static str)],
) -> (&'static str, &'static str) {
    list[prose.rng.usize(..list.len())]
}

/// The section's most used topic and shared nouns, then its first theme's name.
pub fn keywords(prose: &Prose<'_>, theme: &ThemeEntry) -> Vec<String> {
    fn top(counts: &[u32], skip: usize, take: usize) -> Vec<usize> {
        let mut ranked: Vec<usize> = (skip..counts.len()).filter(|&i| counts[i] >= 2).collect();
        ranked.sort_by_key(|&i| (std::cmp::Reverse(counts[i]), i));
        ranked.truncate(take);
        ranked
    }
    let mut out: Vec<String> = Vec::new();
    let topic = top(&prose.topic_counts, 0, 3).into_iter();
    let shared = top(&prose.noun_counts, 20, 1).into_iter();
    let words = topic
        .map(|i| prose.topic.nouns.words[i].one)
        .chain(shared.map(|i| prose.vocabulary.nouns.words[i].one));
    for word in words.chain(std::iter::once(theme.name.as_str())) {
        let word = word.to_lowercase();
        if !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// Two prompts (three in one section in seven) on the section's actors (by position in `cast`)
/// and themes, most quoting a different sentence of it.
pub fn prompts(
    prose: &mut Prose<'_>,
    cast: &[CastMember],
    actors: &[usize],
    themes: &[&ThemeEntry],
    quotable: &[String],
) -> Vec<Spanned<PromptEntry>> {
    let count = if prose.chance(15) { 3 } else { 2 };
    let mut sentences: Vec<&String> = quotable.iter().collect();
    let mut questions: Vec<&str> = AFTER_QUOTE.to_vec();
    let mut templates: Vec<u32> = (0..4).collect();
    (0..count)
        .map(|_| {
            let theme = themes[prose.rng.usize(..themes.len())];
            let actor = (!actors.is_empty()).then(|| actors[prose.rng.usize(..actors.len())]);
            let quote = (!sentences.is_empty() && prose.chance(70)).then(|| {
                let sentence = sentences.swap_remove(prose.rng.usize(..sentences.len()));
                quote(prose, sentence)
            });
            let mut entry = PromptEntry {
                text: String::new(),
                actors: Vec::new(),
                themes: vec![Spanned::new(0..0, theme.id.clone())],
                quote: None,
                from_text: false,
            };
            entry.text = match (&quote, actor) {
                (Some(q), _) if prose.rng.bool() => {
                    let question = questions.swap_remove(prose.rng.usize(..questions.len()));
                    format!("The section says “{q}”. {question}")
                }
                (Some(q), _) => format!(
                    "“{q}”: what does this say about {}?",
                    theme.name.to_lowercase()
                ),
                (None, Some(who)) if !templates.is_empty() => {
                    entry.actors.push(Spanned::new(0..0, cast[who].id.clone()));
                    let template = templates.swap_remove(prose.rng.usize(..templates.len()));
                    let verb = prose.vocabulary.verbs.pick(&mut prose.rng);
                    let (a, _) = prose.noun(false);
                    let (b, _) = prose.noun(false);
                    let who = &cast[who].name;
                    match template {
                        0 => format!("Why does {who} {} the {a} rather than the {b}?", verb.base),
                        1 => format!("What would {who} lose if the {a} {} the {b}?", verb.third),
                        2 => format!(
                            "Is {who} right to {} the {a}, or does that only buy time?",
                            verb.base
                        ),
                        _ => format!("How should {who} weigh {}?", theme.name.to_lowercase()),
                    }
                }
                _ => {
                    let mut s = Line::default();
                    s.w("if");
                    prose.clause(&mut s);
                    s.p(",");
                    s.w("what follows for");
                    s.w(&theme.name.to_lowercase());
                    s.p("?");
                    s.finish()
                }
            };
            entry.quote = quote;
            Spanned::new(0..0, entry)
        })
        .collect()
}

/// Words a quote should not end on.
const WEAK_ENDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "and", "that", "its", "their", "this", "for", "with", "on",
    "by", "from", "at", "as", "is", "are", "was", "were", "not", "be", "but", "or", "some", "many",
    "these", "those", "which", "does", "did", "do", "it", "they", "we", "could", "would", "can",
    "will", "may", "might", "must", "should", "why", "what", "who", "how", "no", "every", "each",
];

/// A quote from `sentence`: all of it when short, else its first or last three to seven words,
/// not ending on a small word.
fn quote(prose: &mut Prose<'_>, sentence: &str) -> String {
    let words: Vec<&str> = sentence.split(' ').collect();
    let len = if words.len() <= 9 && prose.chance(40) {
        words.len()
    } else {
        prose.rng.usize(3..=7).min(words.len())
    };
    let start = if prose.rng.bool() {
        0
    } else {
        words.len() - len
    };
    let mut end = start + len;
    // Neither on a small word nor inside a name ("the Kingdom | of Tarvon").
    let weak = |end: usize| {
        WEAK_ENDS.contains(&words[end - 1].to_lowercase().as_str())
            || words
                .get(end)
                .is_some_and(|next| *next == "of" || next.starts_with(char::is_uppercase))
    };
    while end - start > 3 && weak(end) {
        end -= 1;
    }
    let span = &words[start..end];
    span.join(" ").trim_end_matches([',', ';', ':']).to_string()
}
