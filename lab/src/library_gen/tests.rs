//! Tests of the generator: determinism, loading, shape, word frequencies, refusing non-empty output.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::text::{SECTIONS, WORDS};
use super::{GenError, GenOptions, generate};
use seminar_core::content::fold::fold;
use seminar_core::content::load_library;
use seminar_core::content::model::Block;

/// Every file under `dir`, by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn library(texts: usize, seed: u64) -> (tempfile::TempDir, super::GenSummary) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("library");
    let summary = generate(&out, &GenOptions { texts, seed }).unwrap();
    (dir, summary)
}

#[test]
fn the_same_seed_writes_the_same_bytes_and_another_seed_does_not() {
    let (a, summary_a) = library(2, 42);
    let (b, summary_b) = library(2, 42);
    let (c, _) = library(2, 43);
    let (a, b, c) = (
        files(&a.path().join("library")),
        files(&b.path().join("library")),
        files(&c.path().join("library")),
    );
    assert_eq!(summary_a, summary_b);
    assert_eq!(a, b);
    let size: usize = a.values().map(Vec::len).sum();
    assert_eq!(size as u64, summary_a.bytes);
    // Another seed: other text ids, other titles, other words.
    assert!(
        a.keys()
            .all(|path| !c.contains_key(path) || path.ends_with("library.toml"))
    );
    let text = |files: &BTreeMap<PathBuf, Vec<u8>>| -> Vec<u8> {
        files.values().flatten().copied().collect()
    };
    assert_ne!(text(&a), text(&c));
}

#[test]
fn a_small_library_loads_with_the_promised_shape() {
    let (dir, summary) = library(3, 7);
    let root = dir.path().join("library");
    let library = load_library(&root).unwrap();
    assert_eq!(library.texts.len(), 3);
    assert_eq!(summary.texts, 3);
    let library_toml = std::fs::read_to_string(root.join("library.toml")).unwrap();
    assert_eq!(
        library_toml.trim(),
        format!("default = \"{}\"", library.texts[0].id)
    );
    assert_eq!(library.default, 0);
    assert_eq!(
        summary.sections,
        library
            .texts
            .iter()
            .map(|t| t.sections.len())
            .sum::<usize>()
    );

    let mut lists = 0;
    let mut paragraph_words: Vec<usize> = Vec::new();
    for text in &library.texts {
        assert!(
            SECTIONS.contains(&text.sections.len()),
            "{} sections",
            text.sections.len()
        );
        assert!((4..=9).contains(&text.actors.len()));
        assert!((4..=8).contains(&text.themes.len()));
        let body = text
            .sections
            .iter()
            .map(|s| s.plain_text())
            .collect::<Vec<_>>();
        let words: usize = body.iter().map(|b| b.split_whitespace().count()).sum();
        // Each section writes whole paragraphs until it reaches its share of the words.
        assert!(
            words + 40 >= *WORDS.start() && words <= WORDS.end() + 3_000,
            "{words} words"
        );
        let whole = body.join("\n");
        for actor in &text.actors {
            let named = actor.names().filter(|n| whole.contains(n)).count();
            assert!(named >= 2, "{} is named by {named} of its names", actor.id);
        }
        for section in &text.sections {
            let plain = section.plain_text();
            assert!(!section.title.is_empty() && !section.summary.is_empty());
            assert!(!section.keywords.is_empty() && !section.themes.is_empty());
            assert!(
                !section.actors.is_empty(),
                "§{} names no actor",
                section.number
            );
            for id in &section.actors {
                let actor = text.actor(id).unwrap();
                assert!(
                    actor.names().any(|n| plain.contains(n)),
                    "{id} not in §{}",
                    section.number
                );
            }
            assert!((2..=3).contains(&section.prompts.len()));
            let folded = fold(&plain.replace('\n', " "));
            for prompt in &section.prompts {
                if let Some(quote) = &prompt.quote {
                    assert!(folded.contains(&fold(quote)), "{quote:?}");
                    assert!(prompt.text.contains(quote.as_str()));
                }
            }
            for block in &section.blocks {
                match block {
                    Block::List(items) => {
                        lists += 1;
                        assert!((3..=6).contains(&items.len()));
                    }
                    Block::Paragraph(p) => paragraph_words.push(p.split(' ').count()),
                }
            }
        }
    }
    let quotes = library
        .texts
        .iter()
        .flat_map(|t| t.prompts())
        .filter(|p| p.quote.is_some());
    assert!(quotes.count() > 50);
    assert!(lists >= 10, "{lists} lists");
    // Paragraph lengths vary: one-sentence paragraphs and paragraphs of a hundred words.
    assert!(paragraph_words.iter().any(|&w| w < 12));
    assert!(paragraph_words.iter().any(|&w| w > 100));
}

#[test]
fn word_frequencies_are_heavy_tailed() {
    let (dir, _) = library(3, 11);
    let library = load_library(dir.path().join("library")).unwrap();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for section in library.texts.iter().flat_map(|t| &t.sections) {
        for word in section
            .plain_text()
            .split(|c: char| !c.is_alphabetic() && c != '\'')
            .filter(|w| !w.is_empty())
        {
            *counts.entry(word.to_lowercase()).or_default() += 1;
        }
    }
    let mut ranked: Vec<usize> = counts.values().copied().collect();
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    let total: usize = ranked.iter().sum();
    let share = |counts: &[usize]| counts.iter().sum::<usize>() as f64 / total as f64;
    // English: the ten commonest words are about a quarter of all tokens, "the" leading by far…
    let top10 = share(&ranked[..10]);
    assert!((0.2..=0.4).contains(&top10), "top 10 share {top10:.3}");
    assert_eq!(ranked[0], counts["the"]);
    assert!(share(&ranked[..1]) > 0.05 && ranked[0] > 2 * ranked[1]);
    // …while most distinct words are rare: over half occur at most five times in these
    // twenty thousand tokens, and the rarer half of the vocabulary makes under a tenth of the text.
    let rare = ranked.iter().filter(|&&c| c <= 5).count();
    assert!(
        rare * 2 > ranked.len(),
        "{rare} of {} words occur at most 5 times",
        ranked.len()
    );
    let tail = share(&ranked[ranked.len() / 2..]);
    assert!(tail < 0.1, "the rarer half makes {tail:.3} of the tokens");
    // Zipf: on log-log axes, frequency falls with rank at a slope near -1 (ranks 10–500).
    let points: Vec<(f64, f64)> = (10..500)
        .map(|r| (((r + 1) as f64).ln(), (ranked[r] as f64).ln()))
        .collect();
    let n = points.len() as f64;
    let (mx, my) = (
        points.iter().map(|p| p.0).sum::<f64>() / n,
        points.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let slope = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>()
        / points.iter().map(|p| (p.0 - mx).powi(2)).sum::<f64>();
    assert!((-1.3..=-0.7).contains(&slope), "slope {slope:.2}");
}

#[test]
fn a_non_empty_directory_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "keep me").unwrap();
    let options = GenOptions { texts: 1, seed: 1 };
    let err = generate(dir.path(), &options).unwrap_err();
    assert!(
        matches!(err, GenError::NotEmpty(ref p) if p == dir.path()),
        "{err}"
    );
    assert_eq!(files(dir.path()).len(), 1);
    let file = dir.path().join("notes.txt");
    assert!(matches!(
        generate(&file, &options),
        Err(GenError::NotEmpty(_))
    ));
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_eq!(generate(&empty, &options).unwrap().texts, 1);
    let none = GenOptions { texts: 0, seed: 1 };
    assert!(matches!(
        generate(&dir.path().join("new"), &none),
        Err(GenError::NoTexts)
    ));
}

/// Generation speed and size for 1,000 texts: `cargo test --release --lib library_gen -- --ignored --nocapture`.
#[test]
#[ignore = "a benchmark: writes about 60 MB"]
fn a_thousand_texts() {
    let dir = tempfile::tempdir().unwrap();
    let start = std::time::Instant::now();
    let summary = generate(
        &dir.path().join("library"),
        &GenOptions {
            texts: 1_000,
            seed: 1,
        },
    );
    let elapsed = start.elapsed();
    let summary = summary.unwrap();
    println!(
        "{} texts, {} sections, {} words, {:.1} MB in {:.2} s",
        summary.texts,
        summary.sections,
        summary.words,
        summary.bytes as f64 / 1e6,
        elapsed.as_secs_f64()
    );
}
