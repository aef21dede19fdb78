//! The Markdown tables and the goals `seminar-lab bench --library` prints.

use super::library::{Measured, Probed, Process, median};
use super::memory::{Memory, bytes_mb, mb};

/// Goals the README states (issue 16), for a library of 1,000 texts.
const GOAL_START_S: f64 = 0.3;
const GOAL_START_MB: f64 = 150.0;
const GOAL_SERVE_MB: f64 = 200.0;
const GOAL_P99_US: f64 = 5000.0;
const GOAL_RAW_RATIO: f64 = 3.0;

fn ratio(a: f64, b: f64) -> String {
    if b > 0.0 {
        format!("{:.2}×", a / b)
    } else {
        "n/a".to_string()
    }
}

fn seconds(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1e3)
    } else {
        format!("{ms:.0} ms")
    }
}

/// Median, min and max of a figure over several probes.
fn spread(probes: &[Probed], figure: impl Fn(&Probed) -> Option<f64>) -> (f64, f64, f64) {
    let values: Vec<f64> = probes.iter().filter_map(figure).collect();
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(0.0, f64::max);
    (median(values), min, max)
}

fn start_memory(probes: &[Probed]) -> Memory {
    let rss = median(
        probes
            .iter()
            .filter_map(|p| p.report.start.rss_kb.map(|kb| kb as f64))
            .collect(),
    );
    Memory {
        rss_kb: (rss > 0.0).then_some(rss as u64),
        hwm_kb: probes.iter().filter_map(|p| p.report.start.hwm_kb).max(),
    }
}

/// Prints every table and the goals.
pub fn print(m: &Measured) {
    let serve = &m.serve.report;
    let queries = serve.kinds.iter().map(|k| k.queries).max().unwrap_or(0);
    println!(
        "## Library bench: {} texts, {} sections ({})\n",
        m.texts,
        m.sections,
        m.dir.display()
    );
    println!(
        "Each command is parsed, answered and rendered to Discord JSON, {} runs per kind cycling \
         through up to {queries} different seeded queries; raw = tantivy's own query parser on the \
         same words over the same index (whole library); FTS5 = SQLite FTS5 with BM25, one row per \
         section, the same words in the same text. Start-up and memory: fresh processes. Machine: {}.\n",
        m.runs, m.machine
    );

    println!("### Index build and size\n");
    println!("| index | build | on disk | build vs FTS5 | size vs FTS5 |");
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| Seminar (tantivy): cold `Engine::open`, empty index dir | {} | {} MB ({} files) | {} | {} |",
        seconds(m.build_ms),
        bytes_mb(m.index_bytes),
        m.index_files,
        ratio(m.build_ms, m.fts_build_ms),
        ratio(m.index_bytes as f64, m.fts_bytes as f64)
    );
    println!(
        "| SQLite FTS5: `Fts5::build` into a file | {} | {} MB | 1.00× | 1.00× |\n",
        seconds(m.fts_build_ms),
        bytes_mb(m.fts_bytes)
    );

    println!(
        "### Start-up (fresh process each, median of {})\n",
        m.open.len()
    );
    println!("| start-up | median | min | max |");
    println!("|---|---:|---:|---:|");
    let (load, load_min, load_max) = spread(&m.content, |p| p.report.load_ms);
    let (open, open_min, open_max) = spread(&m.open, |p| p.report.open_ms);
    let (wall, wall_min, wall_max) = spread(&m.open, |p| Some(p.ready_ms));
    let reused = m.open.iter().all(|p| p.report.reused == Some(true));
    println!(
        "| content only (`load_library`) | {load:.0} ms | {load_min:.0} ms | {load_max:.0} ms |"
    );
    println!(
        "| `Engine::open`, existing index ({}) | {open:.0} ms | {open_min:.0} ms | {open_max:.0} ms |",
        if reused { "reused" } else { "NOT reused" }
    );
    println!(
        "| whole process, exec to ready (settings, logging, `Engine::open`) | {wall:.0} ms | {wall_min:.0} ms | {wall_max:.0} ms |"
    );
    if !m.asks.is_empty() {
        let (ask, ask_min, ask_max) = process_spread(m, |p| p.ms);
        println!(
            "| `seminar ask '{}'` (the product's binary), exec to exit | {ask:.0} ms | {ask_min:.0} ms | {ask_max:.0} ms |",
            super::library::ASK_LINE
        );
    }
    println!(
        "| `Engine::open`, cold build (for comparison) | {} | | |\n",
        seconds(m.build_ms)
    );
    println!(
        "Reopening is {} faster than the cold build; loading the content alone is {:.0}% of it.",
        ratio(m.build_ms, open),
        100.0 * load / open.max(f64::EPSILON)
    );
    if let Some(line) = m.open.first().and_then(|p| p.log.first()) {
        println!("Log of a start-up: `{line}`");
    }
    println!("\nWhere start-up goes (one fresh process, step by step):\n");
    println!("| step | ms |");
    println!("|---|---:|");
    for (step, ms) in &m.parts.report.parts {
        println!("| {step} | {ms:.1} |");
    }
    let total: f64 = m.parts.report.parts.iter().map(|(_, ms)| ms).sum();
    println!("| total | {total:.1} |\n");

    println!("### Resident memory\n");
    println!("| process, point | VmRSS MB | VmHWM MB |");
    println!("|---|---:|---:|");
    let content = start_memory(&m.content);
    let started = start_memory(&m.open);
    let loaded = serve.loaded.unwrap_or_default();
    println!(
        "| fresh process, content loaded (no index) | {} | {} |",
        mb(content.rss_kb),
        mb(content.hwm_kb)
    );
    println!(
        "| fresh process, after start-up (existing index) | {} | {} |",
        mb(started.rss_kb),
        mb(started.hwm_kb)
    );
    let touched = serve.kinds.iter().map(|k| k.texts).max().unwrap_or(0);
    for (point, memory) in [
        (
            format!("same, after a first `/search` in each of the mix's {touched} texts"),
            serve.first_searched,
        ),
        (
            "same, after every query of the mix once".to_string(),
            serve.warmed,
        ),
    ] {
        if let Some(memory) = memory {
            println!(
                "| {point} | {} | {} |",
                mb(memory.rss_kb),
                mb(memory.hwm_kb)
            );
        }
    }
    println!(
        "| same, after the latency runs (under load) | {} | {} |",
        mb(loaded.rss_kb),
        mb(loaded.hwm_kb)
    );
    if !m.asks.is_empty() {
        let (_, _, peak) = process_spread(m, |p| p.peak_kb as f64);
        println!(
            "| `seminar ask`, whole process (peak of {}) | | {} |",
            m.asks.len(),
            mb(Some(peak as u64))
        );
    }
    for probed in [&m.searches, &m.touch] {
        let report = &probed.report;
        if let (Some((commands, texts)), Some(loaded)) = (report.load, report.loaded) {
            println!(
                "| fresh process, after {commands} commands across {texts} texts ({} texts keep their aids) | {} | {} |",
                report.texts_kept.unwrap_or(0),
                mb(loaded.rss_kb),
                mb(loaded.hwm_kb)
            );
        }
    }
    println!(
        "| bench process after the cold build | {} | {} |\n",
        mb(m.builder.rss_kb),
        mb(m.builder.hwm_kb)
    );

    println!("### Latency per command kind (µs)\n");
    println!(
        "| command | example | texts | p50 | p99 | raw p50 | raw p99 | FTS5 p50 | FTS5 p99 | p50 vs raw | p50 vs FTS5 |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (kind, (fts, _)) in serve.kinds.iter().zip(&m.fts) {
        println!(
            "| {} | `{}` | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {} | {} |",
            kind.name,
            kind.example,
            kind.texts,
            kind.command.p50,
            kind.command.p99,
            kind.raw.p50,
            kind.raw.p99,
            fts.p50,
            fts.p99,
            ratio(kind.command.p50, kind.raw.p50),
            ratio(kind.command.p50, fts.p50)
        );
    }
    let fewest = m.fts.iter().map(|(_, n)| *n).min().unwrap_or(0);
    let most = m.fts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let counted = if fewest == most {
        fewest.to_string()
    } else {
        format!("{fewest}–{most}")
    };
    println!(
        "\nFTS5 is timed on {counted} queries per kind (each once in turn; at most {} s per kind).",
        super::library::FTS5_BUDGET.as_secs()
    );
    if !serve.steps.is_empty() {
        println!(
            "\nSteps inside every command with a `text` option, alone (the search lines, µs):\n"
        );
        println!("| step | p50 | p99 |");
        println!("|---|---:|---:|");
        for (step, pct) in &serve.steps {
            println!("| {step} | {:.1} | {:.1} |", pct.p50, pct.p99);
        }
    }
    let firsts = [
        (
            "first `/search` about a text (everything cold)",
            serve.first_search_us,
        ),
        (
            "its name resolver (`Book::resolver`)",
            m.parts.report.resolver_us,
        ),
        (
            "its related sections (`Book::related`)",
            m.parts.report.related_us,
        ),
    ];
    if firsts.iter().any(|(_, pct)| pct.is_some()) {
        println!("\nFirst use of a text other than the default (paid once per text, µs):\n");
        println!("| first use | p50 | p99 |");
        println!("|---|---:|---:|");
        for (label, pct) in firsts {
            if let Some(pct) = pct {
                println!("| {label} | {:.0} | {:.0} |", pct.p50, pct.p99);
            }
        }
    }
    println!();
    goals(m);
}

fn mark(pass: bool) -> &'static str {
    if pass { "✅ pass" } else { "❌ FAIL" }
}

/// Median, min and max of a figure over the `seminar ask` runs.
fn process_spread(m: &Measured, figure: impl Fn(&Process) -> f64) -> (f64, f64, f64) {
    let values: Vec<f64> = m.asks.iter().map(figure).collect();
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(0.0, f64::max);
    (median(values), min, max)
}

fn megabytes(kb: u64) -> f64 {
    kb as f64 * 1024.0 / 1e6
}

fn goals(m: &Measured) {
    let serve = &m.serve.report;
    println!("### Goals (issue 16)\n");
    if m.texts != 1000 {
        println!(
            "The goals are set for 1,000 texts; this library has {}: read them as indications.\n",
            m.texts
        );
    }
    if m.asks.is_empty() {
        println!(
            "- ❔ start-up of `seminar ask` ≤ {GOAL_START_S} s and ≤ {GOAL_START_MB:.0} MB: no `seminar` binary beside this one"
        );
    } else {
        let (ask_ms, _, _) = process_spread(m, |p| p.ms);
        let (_, _, peak) = process_spread(m, |p| p.peak_kb as f64);
        println!(
            "- {} start-up with the index reused (`seminar ask`, whole process) ≤ {GOAL_START_S} s: {:.2} s (median of {})",
            mark(ask_ms / 1e3 <= GOAL_START_S),
            ask_ms / 1e3,
            m.asks.len()
        );
        println!(
            "- {} peak memory of that start-up ≤ {GOAL_START_MB:.0} MB: {:.1} MB (VmHWM, worst of {})",
            mark(megabytes(peak as u64) <= GOAL_START_MB),
            megabytes(peak as u64),
            m.asks.len()
        );
    }
    for (probed, what) in [
        (&m.searches, "after 1,500 `/search` across 300 texts"),
        (&m.touch, "after touching every text"),
    ] {
        let report = &probed.report;
        match report.loaded.and_then(|l| l.hwm_kb) {
            Some(kb) => println!(
                "- {} peak memory of a serving process {what} ≤ {GOAL_SERVE_MB:.0} MB: {:.1} MB (VmHWM)",
                mark(megabytes(kb) <= GOAL_SERVE_MB),
                megabytes(kb)
            ),
            None => println!("- ❔ peak memory {what}: not measurable here"),
        }
    }
    println!(
        "- {} cold build no slower than SQLite FTS5 building the same sections: {} vs {} ({})",
        mark(m.build_ms <= m.fts_build_ms),
        seconds(m.build_ms),
        seconds(m.fts_build_ms),
        ratio(m.build_ms, m.fts_build_ms)
    );
    let judged: Vec<_> = serve
        .kinds
        .iter()
        .filter(|k| k.name.starts_with("search") || k.name == "actor")
        .collect();
    if let Some(worst) = judged.iter().max_by(|a, b| {
        (a.command.p50 / a.raw.p50.max(f64::EPSILON))
            .total_cmp(&(b.command.p50 / b.raw.p50.max(f64::EPSILON)))
    }) {
        let worst_ratio = worst.command.p50 / worst.raw.p50.max(f64::EPSILON);
        println!(
            "- {} `/search` and `/actor` p50 ≤ {GOAL_RAW_RATIO:.0}× raw tantivy: worst {worst_ratio:.2}× ({})",
            mark(worst_ratio <= GOAL_RAW_RATIO),
            worst.name
        );
    }
    if let Some(worst) = serve
        .kinds
        .iter()
        .max_by(|a, b| a.command.p99.total_cmp(&b.command.p99))
    {
        println!(
            "- {} p99 under {:.0} ms for every command: worst {:.2} ms ({})",
            mark(worst.command.p99 < GOAL_P99_US),
            GOAL_P99_US / 1e3,
            worst.command.p99 / 1e3,
            worst.name
        );
    }
}
