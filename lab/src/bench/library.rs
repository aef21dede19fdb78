//! `seminar-lab bench --library DIR`: a whole library measured at scale (build, size, start-up, memory, latency next to raw tantivy and SQLite FTS5).
//!
//! The parent builds the index cold in a fresh folder and measures SQLite FTS5; start-up, memory
//! and the command latencies are measured in fresh child processes it starts (`spawn`), each
//! this executable again with the same arguments and [`ENV`] set (see [`super::probe`]).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use super::memory::{Memory, dir_size};
use super::probe::{self, ENV, Mode, Pct, Report, ms};
use super::queries::{self, Kind};
use crate::baseline::Fts5;
use seminar_core::engine::{Engine, Source};

/// Fresh processes started for each start-up figure; the median is reported.
const STARTS: usize = 3;
/// SQLite FTS5 is timed until this budget per command kind is spent (it is slow on a large
/// library), with at least `FTS5_MIN_RUNS` and at most `--runs` queries.
pub const FTS5_BUDGET: Duration = Duration::from_secs(3);
const FTS5_MIN_RUNS: usize = 60;

/// Everything measured in one run.
pub struct Measured {
    pub dir: PathBuf,
    pub texts: usize,
    pub sections: usize,
    pub runs: usize,
    /// Cores and load average when the bench started.
    pub machine: String,
    pub build_ms: f64,
    pub index_bytes: u64,
    pub index_files: usize,
    /// The parent right after the cold build (its peak is the build's).
    pub builder: Memory,
    pub content: Vec<Probed>,
    pub open: Vec<Probed>,
    pub parts: Probed,
    pub serve: Probed,
    /// `seminar ask` (the product's binary) run with the index reused, when the binary is found.
    pub asks: Vec<Process>,
    /// A fresh process after 1,500 `/search` across 300 texts.
    pub searches: Probed,
    /// A fresh process after `/search`, `/actor` and `/section` in every text.
    pub touch: Probed,
    pub fts_build_ms: f64,
    pub fts_bytes: u64,
    /// Per command kind, in the serving probe's order: FTS5 on the same words, and how many
    /// queries were timed.
    pub fts: Vec<(Pct, usize)>,
}

/// Measures the library at `dir` and prints the tables; `index_dir` (new or empty) keeps the index
/// built, else it goes in a temporary folder removed afterwards.
pub fn run(dir: &Path, index_dir: Option<&Path>, runs: usize) -> ExitCode {
    if let Ok(name) = std::env::var(ENV) {
        let (Some(mode), Some(index_dir)) = (Mode::parse(&name), index_dir) else {
            eprintln!(
                "seminar-lab: {}={name:?} is for seminar-lab's own bench processes (with --index-dir)",
                ENV
            );
            return ExitCode::FAILURE;
        };
        return probe::probe(mode, dir, index_dir, runs);
    }
    let scratch = Scratch::new();
    let result = scratch.and_then(|scratch| {
        let index = match index_dir {
            Some(given) => {
                fresh(given)?;
                given.to_path_buf()
            }
            None => scratch.0.join("index"),
        };
        let measured = measure(dir, &index, &scratch.0, runs.max(1))?;
        super::report::print(&measured);
        Ok(())
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("seminar-lab bench --library: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A temporary folder under the system's, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> anyhow::Result<Scratch> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path =
            std::env::temp_dir().join(format!("seminar-bench-{}-{nanos:08x}", std::process::id()));
        std::fs::create_dir_all(&path)?;
        Ok(Scratch(path))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Fails unless `dir` is absent or empty: the cold build needs a fresh folder, and an index folder
/// in use (the settings' `index_dir`) must not be replaced by the bench's library.
fn fresh(dir: &Path) -> anyhow::Result<()> {
    let empty = std::fs::read_dir(dir).map_or(true, |mut entries| entries.next().is_none());
    anyhow::ensure!(
        empty,
        "the index folder {} is not empty: the cold build needs a new or empty one \
         (it may come from the settings' index_dir; pass --index-dir with a new folder)",
        dir.display()
    );
    Ok(())
}

fn say(what: &str) {
    eprintln!("seminar-lab bench: {what}");
}

fn measure(dir: &Path, index: &Path, scratch: &Path, runs: usize) -> anyhow::Result<Measured> {
    let machine = super::memory::machine();
    say(&format!(
        "building the index of {} cold in {}",
        dir.display(),
        index.display()
    ));
    let started = Instant::now();
    let engine = Engine::open(&Source {
        content: dir.into(),
        index_dir: Some(index.to_path_buf()),
        default_text: None,
    })?;
    let build_ms = started.elapsed().as_secs_f64() * 1e3;
    let builder = Memory::now();
    let (index_bytes, index_files) = dir_size(index);
    let library = engine.library();
    let sections = library.texts.iter().map(|t| t.sections.len()).sum();

    say("start-up in fresh processes: content only, then Engine::open with the index on disk");
    let content = starts(Mode::Content, dir, index, runs)?;
    let open = starts(Mode::Open, dir, index, runs)?;
    let parts = spawn(Mode::Parts, dir, index, runs)?;
    say(
        "`seminar ask` in fresh processes, then memory after loads touching 300 texts and every text",
    );
    let asks = spawn(Mode::Ask, dir, index, runs)?
        .report
        .asks
        .iter()
        .map(|&(ms, peak_kb)| Process { ms, peak_kb })
        .collect();
    let searches = spawn(Mode::Searches, dir, index, runs)?;
    let touch = spawn(Mode::Touch, dir, index, runs)?;
    say(&format!(
        "latency: {runs} runs per command kind and raw tantivy, in a fresh process"
    ));
    let serve = spawn(Mode::Serve, dir, index, runs)?;

    say("SQLite FTS5: build into a file, then the same words");
    let fts_dir = scratch.join("fts5");
    std::fs::create_dir_all(&fts_dir)?;
    let started = Instant::now();
    let fts = Fts5::build(library, Some(&fts_dir.join("fts5.db")))?;
    let fts_build_ms = started.elapsed().as_secs_f64() * 1e3;
    let (fts_bytes, _) = dir_size(&fts_dir);
    let kinds = queries::mix(library, queries::PER_KIND, queries::SEED);
    let fts = serve
        .report
        .kinds
        .iter()
        .map(|timed| {
            kinds
                .iter()
                .find(|k| k.name == timed.name)
                .map_or((Pct::default(), 0), |kind| fts_timing(&fts, kind, runs))
        })
        .collect();
    Ok(Measured {
        dir: dir.to_path_buf(),
        texts: library.texts.len(),
        sections,
        runs,
        machine,
        build_ms,
        index_bytes,
        index_files,
        builder,
        content,
        open,
        parts,
        serve,
        asks,
        searches,
        touch,
        fts_build_ms,
        fts_bytes,
        fts,
    })
}

/// A process run to its end: how long from exec to exit, and its peak resident memory.
#[derive(Debug, Clone, Copy)]
pub struct Process {
    pub ms: f64,
    /// VmHWM at exit (`ru_maxrss`), in KiB.
    pub peak_kb: u64,
}

/// The line `seminar ask` answers in the bench.
pub const ASK_LINE: &str = "/search oil prices";

/// `STARTS` runs of `seminar ask` (the binary beside this one) with the index reused; none when
/// the binary is not there (build it with `cargo build --release -p seminar`).
pub fn asks(dir: &Path, index: &Path) -> anyhow::Result<Vec<Process>> {
    let exe = std::env::current_exe()?.with_file_name("seminar");
    if !exe.is_file() {
        say(&format!(
            "no {} to time: skipping `seminar ask`",
            exe.display()
        ));
        return Ok(Vec::new());
    }
    (0..STARTS)
        .map(|_| {
            let mut command = Command::new(&exe);
            command
                .arg("--content")
                .arg(dir)
                .arg("--index-dir")
                .arg(index)
                .arg("ask")
                .arg(ASK_LINE)
                .current_dir(std::env::temp_dir())
                .env("SEMINAR_LOG", "warn");
            run_to_end(&mut command)
        })
        .collect()
}

/// Runs `command` to its end, its output discarded, and reads its peak memory from `wait4`.
fn run_to_end(command: &mut Command) -> anyhow::Result<Process> {
    let started = Instant::now();
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let pid = libc::pid_t::try_from(child.id())?;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that `wait4` fills in; the child is ours and not yet reaped.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `status` and `usage` are valid for writes for the duration of the call.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let ms = ms(started);
    anyhow::ensure!(reaped == pid, "could not wait for {command:?}");
    anyhow::ensure!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{command:?} failed"
    );
    Ok(Process {
        ms,
        peak_kb: u64::try_from(usage.ru_maxrss).unwrap_or(0),
    })
}

/// `STARTS` probes in `mode`, checked to have reused the index when they open it.
fn starts(mode: Mode, dir: &Path, index: &Path, runs: usize) -> anyhow::Result<Vec<Probed>> {
    (0..STARTS)
        .map(|_| {
            let probed = spawn(mode, dir, index, runs)?;
            if probed.report.reused == Some(false) {
                anyhow::bail!("a fresh process rebuilt the index instead of reusing it");
            }
            Ok(probed)
        })
        .collect()
}

/// FTS5 searching the same words as a kind's commands: in the query's text, or in every text for
/// text-name autocomplete (which looks through the whole library). Each query once, in turn, after
/// a few untimed; within [`FTS5_BUDGET`].
fn fts_timing(fts: &Fts5, kind: &Kind, runs: usize) -> (Pct, usize) {
    let library_wide = kind.name == queries::TEXT_AUTOCOMPLETE;
    let search = |i: usize| {
        let query = &kind.queries[i % kind.queries.len()];
        if library_wide {
            black_box(fts.search_any(&query.words, 10).ok());
        } else {
            black_box(fts.search(query.text, &query.words, 10).ok());
        }
    };
    for i in 0..5 {
        search(kind.queries.len() - 1 - i % kind.queries.len());
    }
    let started = Instant::now();
    let mut samples = Vec::new();
    for i in 0..runs {
        let one = Instant::now();
        search(i);
        samples.push(one.elapsed());
        if samples.len() >= FTS5_MIN_RUNS && started.elapsed() >= FTS5_BUDGET {
            break;
        }
    }
    let timed = samples.len();
    (probe::percentiles(&mut samples).unwrap_or_default(), timed)
}

/// A probe's report, the log lines about the index, and how long after its start the report
/// arrived (ms): for an `open` probe, exec to an engine ready to answer.
pub struct Probed {
    pub report: Report,
    pub log: Vec<String>,
    pub ready_ms: f64,
}

/// Runs this executable again as a probe in `mode` and reads its report.
fn spawn(mode: Mode, dir: &Path, index_dir: &Path, runs: usize) -> anyhow::Result<Probed> {
    let exe: PathBuf = std::env::current_exe()?;
    let started = Instant::now();
    let mut child = Command::new(exe)
        .arg("bench")
        .arg("--library")
        .arg(dir)
        .arg("--index-dir")
        .arg(index_dir)
        .arg("--runs")
        .arg(runs.to_string())
        .env(ENV, mode.name())
        .env("RUST_LOG", "warn,seminar=info")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stderr = child.stderr.take().expect("piped");
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    // The report is read as soon as it is printed, before the child tears its engine down.
    let mut report = None;
    let stdout = std::io::BufReader::new(child.stdout.take().expect("piped"));
    for line in std::io::BufRead::lines(stdout) {
        let line = line?;
        if line.starts_with('{') {
            report = Some((line, ms(started)));
        }
    }
    let status = child.wait()?;
    let stderr = errors.join().unwrap_or_default();
    if !status.success() {
        anyhow::bail!(
            "the {} probe failed ({status}):\n{}",
            mode.name(),
            stderr.trim()
        );
    }
    let (line, ready_ms) =
        report.ok_or_else(|| anyhow::anyhow!("the {} probe printed no report", mode.name()))?;
    Ok(Probed {
        report: serde_json::from_str(&line)?,
        log: stderr
            .lines()
            .filter(|l| l.contains("search index ready"))
            .map(|l| strip_ansi(l).trim().to_string())
            .collect(),
        ready_ms,
    })
}

/// A log line without its terminal colours (`ESC [ … letter`), as the report quotes it.
fn strip_ansi(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The median of some figures (the upper one of an even count).
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_even_and_empty_lists() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0]), 4.0);
        assert_eq!(median(Vec::new()), 0.0);
    }

    #[test]
    fn only_a_new_or_empty_index_folder_is_used() {
        let dir = tempfile::tempdir().unwrap();
        assert!(fresh(&dir.path().join("absent")).is_ok());
        assert!(fresh(dir.path()).is_ok());
        std::fs::write(dir.path().join("x"), "x").unwrap();
        assert!(fresh(dir.path()).is_err());
    }

    #[test]
    fn colour_codes_are_stripped_from_log_lines() {
        assert_eq!(
            strip_ansi("\u{1b}[32m INFO\u{1b}[0m ready \u{1b}[3morigin\u{1b}[0m=Reused"),
            " INFO ready origin=Reused"
        );
    }
}
