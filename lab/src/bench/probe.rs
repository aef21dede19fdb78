//! The child process of `seminar-lab bench --library`: starts the engine in a fresh process, measures, prints one JSON line.
//!
//! The parent re-runs its own executable (`seminar-lab`, never the product's `seminar`) with the
//! same `bench --library DIR --index-dir IDX --runs N` arguments and [`ENV`] set to a [`Mode`];
//! [`crate::bench::library::run`] sees the variable and calls [`probe`] instead of benchmarking. So
//! start-up goes through the same settings and logging set-up as a `seminar` command, and memory
//! is that of a process that did nothing else.

use std::hint::black_box;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::memory::Memory;
use super::queries::{self, Call, Kind};
use seminar_core::content::load_library;
use seminar_core::engine::invocation::{parse_line, parse_partial};
use seminar_core::engine::{Context, Engine, Source};
use seminar_core::index::stored;
use seminar_core::render::discord;

/// The environment variable that makes `seminar-lab bench --library` a probe; its value is the mode.
pub const ENV: &str = "SEMINAR_LAB_PROBE";

/// What a probe measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only `load_library`: the content without an index.
    Content,
    /// `Engine::open` with the index on disk, and memory after it.
    Open,
    /// `Engine::open`'s steps one by one, and each text's first-use aids.
    Parts,
    /// `Engine::open`, then the command mix timed next to raw tantivy, and memory after it.
    Serve,
    /// `Engine::open`, then 1,500 `/search` across 300 texts, and memory after them.
    Searches,
    /// `Engine::open`, then `/search`, `/actor` and `/section` in every text, and memory after.
    Touch,
    /// Runs `seminar ask` to its end a few times: a small process of its own starts them, so
    /// their peak memory is theirs alone (a child's peak counts its parent's memory at the fork).
    Ask,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Content => "content",
            Mode::Open => "open",
            Mode::Parts => "parts",
            Mode::Serve => "serve",
            Mode::Searches => "searches",
            Mode::Touch => "touch",
            Mode::Ask => "ask",
        }
    }

    pub fn parse(name: &str) -> Option<Mode> {
        [
            Mode::Content,
            Mode::Open,
            Mode::Parts,
            Mode::Serve,
            Mode::Searches,
            Mode::Touch,
            Mode::Ask,
        ]
        .into_iter()
        .find(|m| m.name() == name)
    }
}

/// Percentiles in microseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Pct {
    pub p50: f64,
    pub p99: f64,
}

impl From<super::Timing> for Pct {
    fn from(t: super::Timing) -> Pct {
        Pct {
            p50: t.p50,
            p99: t.p99,
        }
    }
}

/// One command kind's latency and raw tantivy's on the same words.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KindReport {
    pub name: String,
    pub example: String,
    pub queries: usize,
    pub texts: usize,
    pub command: Pct,
    pub raw: Pct,
}

/// What a probe prints: one JSON object on one line. Times in milliseconds unless named `_us`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub mode: String,
    pub texts: usize,
    pub load_ms: Option<f64>,
    pub open_ms: Option<f64>,
    /// Whether `Engine::open` found an index built for this content: it left the index folder as
    /// it was (a build adds a folder named by the content's hash and removes the others).
    pub reused: Option<bool>,
    /// `Engine::open`'s steps, in order.
    pub parts: Vec<(String, f64)>,
    /// Per text, the first use of its name resolver and of its related sections (µs).
    pub resolver_us: Option<Pct>,
    pub related_us: Option<Pct>,
    pub start: Memory,
    /// After each text's first `/search`, after every query once, after the timed runs.
    pub first_searched: Option<Memory>,
    /// After a load (`searches`, `touch`): how many commands, over how many texts.
    pub load: Option<(usize, usize)>,
    /// How many texts keep what was worked out for them on first use, after the load.
    pub texts_kept: Option<usize>,
    /// `seminar ask` runs: exec to exit (ms) and peak memory (KiB).
    pub asks: Vec<(f64, u64)>,
    pub warmed: Option<Memory>,
    pub loaded: Option<Memory>,
    /// The first `/search` about each text, before anything else touched it (µs).
    pub first_search_us: Option<Pct>,
    pub kinds: Vec<KindReport>,
    /// Steps every command with a `text` option pays, timed alone on the search lines (µs).
    pub steps: Vec<(String, Pct)>,
}

/// Runs a probe and prints its report on stdout.
pub fn probe(mode: Mode, dir: &Path, index_dir: &Path, runs: usize) -> ExitCode {
    match measure(mode, dir, index_dir, runs) {
        Ok(report) => match serde_json::to_string(&report) {
            Ok(line) => {
                println!("{line}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("seminar-lab bench probe: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("seminar-lab bench probe ({}): {e}", mode.name());
            ExitCode::FAILURE
        }
    }
}

pub(super) fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1e3
}

fn measure(mode: Mode, dir: &Path, index_dir: &Path, runs: usize) -> anyhow::Result<Report> {
    let mut report = Report {
        mode: mode.name().to_string(),
        ..Report::default()
    };
    if mode == Mode::Content {
        let started = Instant::now();
        let library = load_library(dir)?;
        report.load_ms = Some(ms(started));
        report.start = Memory::now();
        report.texts = black_box(library).texts.len();
        return Ok(report);
    }
    if mode == Mode::Parts {
        return parts(dir, index_dir, report);
    }
    if mode == Mode::Ask {
        report.asks = super::library::asks(dir, index_dir)?
            .into_iter()
            .map(|p| (p.ms, p.peak_kb))
            .collect();
        return Ok(report);
    }
    let before = entries(index_dir);
    let started = Instant::now();
    let engine = Engine::open(&Source {
        content: dir.into(),
        index_dir: Some(index_dir.to_path_buf()),
        default_text: None,
    })?;
    report.open_ms = Some(ms(started));
    report.start = Memory::now();
    report.texts = engine.library().texts.len();
    report.reused = Some(entries(index_dir) == before);
    match mode {
        Mode::Serve => serve(&engine, runs, &mut report),
        Mode::Searches => load(&engine, &searches(&engine), &mut report),
        Mode::Touch => load(&engine, &touch(&engine), &mut report),
        _ => {}
    }
    if mode != Mode::Open {
        report.loaded = Some(Memory::now());
    }
    Ok(report)
}

/// The names in `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).map_or_else(
        |_| Vec::new(),
        |entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        },
    );
    names.sort();
    names
}

/// 1,500 `/search` across 300 texts: the mix's three kinds of search over 300 texts, in turn.
fn searches(engine: &Engine) -> Vec<(Call, String, usize)> {
    let kinds = queries::mix(engine.library(), 300, queries::SEED);
    let searches: Vec<&Kind> = kinds
        .iter()
        .filter(|k| k.name.starts_with("search"))
        .collect();
    (0..1500)
        .filter_map(|i| {
            let kind = searches.get(i % searches.len().max(1))?;
            let query = kind
                .queries
                .get((i / searches.len()) % kind.queries.len())?;
            Some((kind.call, query.line.clone(), query.text))
        })
        .collect()
}

/// `/search`, `/actor` and `/section N` in every text of the library.
fn touch(engine: &Engine) -> Vec<(Call, String, usize)> {
    let texts = engine.library().texts.len();
    let kinds = queries::mix(engine.library(), texts, queries::SEED);
    kinds
        .iter()
        .filter(|k| ["search: title words", "actor", "section N"].contains(&k.name))
        .flat_map(|k| k.queries.iter().map(|q| (k.call, q.line.clone(), q.text)))
        .collect()
}

/// Runs every command of a load once.
fn load(engine: &Engine, commands: &[(Call, String, usize)], report: &mut Report) {
    for (seed, (call, line, _)) in commands.iter().enumerate() {
        exec(engine, *call, line, seed as u64);
    }
    let texts: std::collections::HashSet<usize> = commands.iter().map(|(_, _, t)| *t).collect();
    report.load = Some((commands.len(), texts.len()));
    report.texts_kept = Some(engine.index().texts_kept());
}

/// `Engine::open` step by step, then the per-text aids of the first texts.
fn parts(dir: &Path, index_dir: &Path, mut report: Report) -> anyhow::Result<Report> {
    let mut step = Instant::now();
    let mut lap = |name: &str, parts: &mut Vec<(String, f64)>| {
        parts.push((name.to_string(), ms(step)));
        step = Instant::now();
    };
    black_box(load_library(dir)?);
    lap(
        "load_library (parse and check every file; not part of start-up)",
        &mut report.parts,
    );
    let (index, _) = stored::open(&dir.into(), index_dir, None)?;
    lap(
        "stored::open (look at every file, read and hash those changed, read the snapshot, open the index)",
        &mut report.parts,
    );
    let engine = Engine::with_index(index);
    lap(
        "Engine::with_index (commands, names, default text's aids)",
        &mut report.parts,
    );
    report.start = Memory::now();
    report.texts = engine.library().texts.len();
    let ids: Vec<String> = engine
        .library()
        .texts
        .iter()
        .filter(|t| t.id != engine.text().id)
        .take(100)
        .map(|t| t.id.clone())
        .collect();
    let mut resolver = Vec::new();
    let mut related = Vec::new();
    for id in &ids {
        let Some(book) = engine.book_of(id) else {
            continue;
        };
        let started = Instant::now();
        black_box(book.resolver());
        resolver.push(started.elapsed());
        let started = Instant::now();
        black_box(book.related(1));
        related.push(started.elapsed());
    }
    report.resolver_us = percentiles(&mut resolver);
    report.related_us = percentiles(&mut related);
    Ok(report)
}

/// The command mix: first each text's first `/search` cold, then every query once untimed, then
/// each kind timed next to raw tantivy on the same words.
fn serve(engine: &Engine, runs: usize, report: &mut Report) {
    let kinds = queries::mix(engine.library(), queries::PER_KIND, queries::SEED);
    let mut seed = 0;
    if let Some(search) = kinds.iter().find(|k| k.name.starts_with("search")) {
        let mut seen = std::collections::HashSet::new();
        let mut cold = Vec::new();
        for query in &search.queries {
            if seen.insert(query.text) && query.text != engine.library().default {
                let started = Instant::now();
                exec(engine, Call::Answer, &query.line, 0);
                cold.push(started.elapsed());
            }
        }
        report.first_search_us = percentiles(&mut cold);
        report.first_searched = Some(Memory::now());
    }
    for kind in &kinds {
        for query in &kind.queries {
            exec(engine, kind.call, &query.line, 0);
        }
    }
    report.warmed = Some(Memory::now());
    for kind in &kinds {
        let mut next = 0;
        let command = super::time(runs, || {
            let query = &kind.queries[next % kind.queries.len()];
            next += 1;
            seed += 1;
            exec(engine, kind.call, &query.line, seed);
        });
        let mut next = 0;
        let raw = super::time(runs, || {
            let query = &kind.queries[next % kind.queries.len()];
            next += 1;
            black_box(super::raw::search(engine.index(), &query.words, 10).ok());
        });
        report.kinds.push(KindReport {
            name: kind.name.to_string(),
            example: kind.queries[0].line.clone(),
            queries: kind.queries.len().min(runs),
            texts: distinct_texts(kind),
            command: command.into(),
            raw: raw.into(),
        });
    }
    if let Some(search) = kinds.iter().find(|k| k.name.starts_with("search")) {
        report.steps = steps(engine, search, runs);
    }
}

/// Parsing a line, and parsing it and finding the text its `text` option names.
fn steps(engine: &Engine, kind: &Kind, runs: usize) -> Vec<(String, Pct)> {
    let context = Context::default();
    let mut next = 0;
    let parse = super::time(runs, || {
        let query = &kind.queries[next % kind.queries.len()];
        next += 1;
        black_box(parse_line(&query.line, engine.commands()).ok());
    });
    let mut next = 0;
    let choose = super::time(runs, || {
        let query = &kind.queries[next % kind.queries.len()];
        next += 1;
        if let Ok(invocation) = parse_line(&query.line, engine.commands()) {
            black_box(seminar_core::engine::texts::choose(engine, &invocation, &context).is_ok());
        }
    });
    vec![
        ("`parse_line`".to_string(), parse.into()),
        (
            "`parse_line` + `texts::choose` (finds the text `text:ID` names)".to_string(),
            choose.into(),
        ),
    ]
}

fn distinct_texts(kind: &Kind) -> usize {
    let texts: std::collections::HashSet<usize> = kind.queries.iter().map(|q| q.text).collect();
    texts.len()
}

/// Parses, answers and renders one query to Discord JSON, as the bot would.
pub fn exec(engine: &Engine, call: Call, line: &str, seed: u64) {
    let context = Context {
        seed,
        ..Context::default()
    };
    let body = match call {
        Call::Press => engine
            .press(line, &context)
            .map(|r| discord::press_response(&r))
            .ok(),
        Call::Complete => parse_partial(line, engine.commands())
            .ok()
            .map(|i| discord::autocomplete_response(&engine.complete(&i, &context))),
        Call::Answer => parse_line(line, engine.commands())
            .ok()
            .and_then(|i| engine.answer(&i, &context).ok())
            .map(|r| discord::command_response(&r)),
    };
    black_box(body);
}

/// p50 and p99 of one-shot samples in µs, by the same nearest-rank rule as [`super::time`].
pub fn percentiles(samples: &mut [Duration]) -> Option<Pct> {
    if samples.is_empty() {
        return None;
    }
    samples.sort_unstable();
    let at =
        |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e6;
    Some(Pct {
        p50: at(0.50),
        p99: at(0.99),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let mut samples: Vec<Duration> = (1..=200).rev().map(Duration::from_micros).collect();
        let pct = percentiles(&mut samples).unwrap();
        // Positions round((n - 1) q): 100 (101 µs) and 197 (198 µs) of 0..=199.
        assert_eq!(pct.p50, 101.0);
        assert_eq!(pct.p99, 198.0);
        assert_eq!(percentiles(&mut []), None);
        let one = percentiles(&mut [Duration::from_millis(2)]).unwrap();
        assert_eq!((one.p50, one.p99), (2000.0, 2000.0));
    }

    #[test]
    fn a_report_survives_its_json_line_and_modes_round_trip() {
        let report = Report {
            mode: "serve".to_string(),
            texts: 3,
            open_ms: Some(12.5),
            reused: Some(true),
            parts: vec![("load".to_string(), 3.0)],
            kinds: vec![KindReport {
                name: "outline".to_string(),
                queries: 2,
                ..KindReport::default()
            }],
            ..Report::default()
        };
        let line = serde_json::to_string(&report).unwrap();
        assert!(!line.contains('\n'));
        assert_eq!(serde_json::from_str::<Report>(&line).unwrap(), report);
        for mode in [Mode::Content, Mode::Open, Mode::Parts, Mode::Serve] {
            assert_eq!(Mode::parse(mode.name()), Some(mode));
        }
        assert_eq!(Mode::parse("1"), None);
    }
}
