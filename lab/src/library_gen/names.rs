//! Invented names: places and their demonyms, given names and surnames, and ids made from them.

use fastrand::Rng;

const ONSETS: &[&str] = &[
    "b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr", "kr", "tr",
    "st", "sk", "th", "sh", "f", "h", "j", "w", "sv", "vr", "kh", "m", "l", "t", "v",
];
const VOWELS: &[&str] = &[
    "a", "e", "i", "o", "u", "a", "e", "o", "ai", "ei", "au", "y",
];
const CODAS: &[&str] = &[
    "", "", "", "", "n", "r", "l", "s", "m", "rn", "nd", "st", "k", "v", "lm", "rt",
];
pub(super) const PLACE_ENDINGS: &[&str] = &[
    "a", "ia", "ora", "ara", "en", "an", "or", "is", "ar", "ova", "esh", "und", "ania", "ene",
    "ista", "eth",
];
pub(super) const CITY_ENDINGS: &[&str] = &[
    "el", "ova", "heim", "port", "ine", "ost", "avel", "mar", "ingen", "ara", "ovo", "by",
];
pub(super) const GIVEN_ENDINGS: &[&str] = &[
    "a", "o", "el", "an", "in", "ia", "us", "ek", "ar", "ine", "en",
];
pub(super) const SURNAME_ENDINGS: &[&str] = &[
    "ik", "sen", "ova", "ari", "ez", "an", "escu", "ander", "off", "ski", "ur", "ard", "ani",
    "oglu", "ström", "ay",
];

pub(super) fn one<'a>(rng: &mut Rng, list: &[&'a str]) -> &'a str {
    list[rng.usize(..list.len())]
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

fn syllable(rng: &mut Rng, codas: &[&str]) -> String {
    format!(
        "{}{}{}",
        one(rng, ONSETS),
        one(rng, VOWELS),
        one(rng, codas)
    )
}

/// A name of one or two syllables and an ending, capitalized, of 4 to 9 letters.
pub(super) fn invented(rng: &mut Rng, endings: &[&str]) -> String {
    loop {
        let mut word = String::new();
        if rng.usize(0..3) == 0 {
            word.push_str(&syllable(rng, &["", "", "n", "r", "l", "s"]));
        }
        word.push_str(&syllable(rng, CODAS));
        let ending = one(rng, endings);
        // Avoid doubled vowels at the joint ("Velmoa" + "ara").
        if word.ends_with(['a', 'e', 'i', 'o', 'u', 'y'])
            && ending.starts_with(['a', 'e', 'i', 'o', 'u'])
        {
            word.pop();
        }
        word.push_str(ending);
        if (4..=9).contains(&word.chars().count()) {
            return capitalize(&word);
        }
    }
}

/// The adjective of a place: Velmora → Velmoran, Kestris → Kestrian, Darnesh → Darneshi, Tarvon → Tarvonian.
pub fn demonym(place: &str) -> String {
    if place.ends_with('a') {
        format!("{place}n")
    } else if let Some(stem) = place.strip_suffix("is") {
        format!("{stem}ian")
    } else if place.ends_with("sh") {
        format!("{place}i")
    } else if place.ends_with('e') {
        format!("{place}an")
    } else {
        format!("{place}ian")
    }
}

/// The letters of an id: lowercase ASCII letters and digits joined by dashes, at most 40 long.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = match c {
            'ö' | 'ø' => 'o',
            'å' | 'ä' => 'a',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() > 40 {
        let cut = out[..=40].rfind('-').unwrap_or(40);
        out.truncate(cut);
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demonyms_and_slugs() {
        assert_eq!(demonym("Velmora"), "Velmoran");
        assert_eq!(demonym("Kestris"), "Kestrian");
        assert_eq!(demonym("Darnesh"), "Darneshi");
        assert_eq!(demonym("Tarvon"), "Tarvonian");
        assert_eq!(slug("Inner Sea Grain Council"), "inner-sea-grain-council");
        assert_eq!(slug("Anna Kjellström"), "anna-kjellstrom");
        assert!(slug(&"Word ".repeat(20)).len() <= 40);
    }
}
