//! A text's actors: states, people and organisations, each with the aliases and forms the prose names it by.

use std::collections::HashSet;

use fastrand::Rng;

use super::names::{
    CITY_ENDINGS, GIVEN_ENDINGS, PLACE_ENDINGS, SURNAME_ENDINGS, demonym, invented, one, slug,
};
use seminar_core::content::fold::fold_words;

/// Singular or plural, for verb agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    One,
    Many,
}

/// One way the prose may name an actor, usable as a noun phrase.
#[derive(Debug, Clone)]
pub struct Form {
    pub phrase: String,
    pub number: Number,
    pub weight: u32,
}

/// A person, state or organisation of one text, with the forms the prose names it by.
#[derive(Debug, Clone)]
pub struct CastMember {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: String,
    /// The adjective of a state ("Velmoran"), for phrases such as "the Velmoran government".
    pub demonym: Option<String>,
    pub forms: Vec<Form>,
}

const FORMAL: &[&str] = &[
    "Republic of {}",
    "Kingdom of {}",
    "Federation of {}",
    "United Provinces of {}",
    "{} Commonwealth",
    "Free State of {}",
    "Principality of {}",
    "Democratic Republic of {}",
];

const TITLES: &[&str] = &[
    "President",
    "Prime Minister",
    "Foreign Minister",
    "General",
    "Chancellor",
    "Ambassador",
    "Governor",
    "Senator",
    "Admiral",
    "Finance Minister",
];

const REGIONS: &[&str] = &[
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Coastal",
    "Continental",
    "Central",
    "Highland",
    "Inner Sea",
    "Meridian",
    "Transborder",
    "Riverine",
];

const INSTITUTIONS: &[&str] = &[
    "Council",
    "Authority",
    "Alliance",
    "Compact",
    "Commission",
    "Union",
    "Bank",
    "Forum",
    "Agency",
    "League",
    "Consortium",
    "Board",
];

const MOVEMENTS: &[&str] = &[
    "Liberation Front",
    "National Movement",
    "Reform Party",
    "Labour Congress",
    "Popular Front",
    "Defence League",
];

const STANCES: &[&str] = &[
    "the text follows its every move",
    "weighing costs that can no longer be hidden",
    "a party that gains from delay",
    "shifting position as the pressure grows",
    "the quiet beneficiary of the crisis",
    "a test of what the others will accept",
    "cautious in a way the text reads as strategy",
    "loud in public and flexible in private",
];

/// Builds a text's actors, keeping every name and alias distinct once folded.
pub struct Casting<'r> {
    rng: &'r mut Rng,
    taken: HashSet<String>,
    pub members: Vec<CastMember>,
}

impl<'r> Casting<'r> {
    pub fn new(rng: &'r mut Rng) -> Self {
        Casting {
            rng,
            taken: HashSet::new(),
            members: Vec::new(),
        }
    }

    /// Claims all `names` at once (the first one also as an id), or none when any is taken.
    fn claim(&mut self, names: &[&str]) -> bool {
        let keys: Vec<String> = names.iter().map(|n| fold_words(n)).collect();
        let distinct: HashSet<&String> = keys.iter().collect();
        let id = format!("id:{}", slug(names[0]));
        if distinct.len() < keys.len()
            || self.taken.contains(&id)
            || keys.iter().any(|k| k.is_empty() || self.taken.contains(k))
        {
            return false;
        }
        self.taken.extend(keys);
        self.taken.insert(id);
        true
    }

    /// A state: name, formal name, demonym, its plural and a capital.
    pub fn state(&mut self) {
        loop {
            let name = invented(self.rng, PLACE_ENDINGS);
            let formal = one(self.rng, FORMAL).replace("{}", &name);
            let adjective = demonym(&name);
            let people = if adjective.ends_with('i') {
                None
            } else {
                Some(format!("{adjective}s"))
            };
            let capital = invented(self.rng, CITY_ENDINGS);
            let mut names = vec![
                name.as_str(),
                formal.as_str(),
                adjective.as_str(),
                capital.as_str(),
            ];
            names.extend(people.as_deref());
            if !self.claim(&names) {
                continue;
            }
            let description = format!(
                "The {formal}, governed from {capital}; {}.",
                one(self.rng, STANCES)
            );
            let mut forms = vec![
                form(&name, Number::One, 12),
                form(&format!("the {formal}"), Number::One, 1),
                form(&capital, Number::One, 2),
                form(&format!("the {adjective} government"), Number::One, 3),
                form(&format!("{adjective} officials"), Number::Many, 2),
            ];
            if let Some(people) = &people {
                forms.push(form(people, Number::Many, 1));
            }
            let mut aliases = vec![formal, adjective.clone()];
            aliases.extend(people);
            aliases.push(capital);
            self.members.push(CastMember {
                id: slug(&name),
                name,
                aliases,
                description,
                demonym: Some(adjective),
                forms,
            });
            return;
        }
    }

    /// A person who holds a title in `state` (a member already cast).
    pub fn person(&mut self, state: usize) {
        let state_name = self.members[state].name.clone();
        loop {
            let given = invented(self.rng, GIVEN_ENDINGS);
            let surname = invented(self.rng, SURNAME_ENDINGS);
            let title = one(self.rng, TITLES);
            let name = format!("{given} {surname}");
            let titled = format!("{title} {surname}");
            if !self.claim(&[&name, &surname, &titled]) {
                continue;
            }
            let description = format!(
                "{name}, {} of {state_name}; {}.",
                title.to_lowercase(),
                one(self.rng, STANCES)
            );
            self.members.push(CastMember {
                id: slug(&name),
                forms: vec![
                    form(&name, Number::One, 3),
                    form(&surname, Number::One, 6),
                    form(&titled, Number::One, 3),
                ],
                aliases: vec![surname, titled],
                name,
                description,
                demonym: None,
            });
            return;
        }
    }

    /// A regional body of a domain ("Coastal Energy Authority"), or a movement of a state's people.
    pub fn organisation(&mut self, label: &str, movement_of: Option<usize>) {
        loop {
            let (name, short) = match movement_of.and_then(|i| self.members[i].demonym.clone()) {
                Some(adjective) => {
                    let kind = one(self.rng, MOVEMENTS);
                    (format!("{adjective} {kind}"), kind.to_string())
                }
                None => {
                    let region = one(self.rng, REGIONS);
                    let institution = one(self.rng, INSTITUTIONS);
                    (
                        format!("{region} {label} {institution}"),
                        format!("{label} {institution}"),
                    )
                }
            };
            let acronym: String = name
                .split([' ', '-'])
                .filter_map(|w| w.chars().next())
                .filter(char::is_ascii_uppercase)
                .collect();
            if !self.claim(&[&name, &short, &acronym]) {
                continue;
            }
            let description = format!(
                "The {name} ({acronym}), a body the text treats as an actor in its own right; {}.",
                one(self.rng, STANCES)
            );
            self.members.push(CastMember {
                id: slug(&name),
                forms: vec![
                    form(&format!("the {name}"), Number::One, 4),
                    form(&format!("the {acronym}"), Number::One, 3),
                    form(&format!("the {short}"), Number::One, 2),
                ],
                aliases: vec![acronym, short],
                name,
                description,
                demonym: None,
            });
            return;
        }
    }

    /// An author's name that is no actor's.
    pub fn author(&mut self) -> String {
        loop {
            let name = format!(
                "{} {}",
                invented(self.rng, GIVEN_ENDINGS),
                invented(self.rng, SURNAME_ENDINGS)
            );
            if self.claim(&[&name]) {
                return name;
            }
        }
    }
}

fn form(phrase: &str, number: Number, weight: u32) -> Form {
    Form {
        phrase: phrase.to_string(),
        number,
        weight,
    }
}

/// A text's cast: 2–4 states, 1–3 people and 1–2 organisations (4–9 actors), the first state leading.
pub fn cast(rng: &mut Rng, labels: &[&str]) -> (Vec<CastMember>, String) {
    let states = rng.usize(2..=4);
    let people = rng.usize(1..=3);
    let organisations = rng.usize(1..=2);
    let mut casting = Casting::new(rng);
    for _ in 0..states {
        casting.state();
    }
    for i in 0..people {
        casting.person(i % states);
    }
    for i in 0..organisations {
        let label = labels[i % labels.len()];
        let movement = (i == 1).then_some(states - 1);
        casting.organisation(label, movement);
    }
    let author = casting.author();
    (casting.members, author)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cast_has_distinct_ids_and_names() {
        let mut rng = Rng::with_seed(3);
        for _ in 0..50 {
            let (members, author) = cast(&mut rng, &["Energy", "Grain"]);
            assert!((4..=9).contains(&members.len()));
            let mut ids: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), members.len());
            assert!(members.iter().all(|m| m.name != author));
        }
    }
}
