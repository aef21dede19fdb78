//! `seminar-lab bench`: times every command kind in-process (parse, answer, render to Discord JSON)
//! next to a raw tantivy query of the same words on the same index, measured in the same run.

pub mod library;
pub mod memory;
pub mod probe;
pub mod queries;
pub mod raw;
pub mod report;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use seminar_core::engine::invocation::{parse_line, parse_partial};
use seminar_core::engine::{Context, Engine};
use seminar_core::render::discord;

/// One command kind to time: the line typed, and the words the raw baseline searches for.
struct Case {
    kind: &'static str,
    line: &'static str,
    raw: &'static str,
}

const CASES: &[Case] = &[
    Case {
        kind: "section",
        line: "/section 13",
        raw: "economics beneath diplomacy",
    },
    Case {
        kind: "section (title)",
        line: "/section title:misreading",
        raw: "misreading",
    },
    Case {
        kind: "actor",
        line: "/actor tehran",
        raw: "tehran",
    },
    Case {
        kind: "question",
        line: "/question actor:israel",
        raw: "israel",
    },
    Case {
        kind: "search",
        line: "/search strait of hormuz",
        raw: "strait of hormuz",
    },
    Case {
        kind: "search (paraphrase)",
        line: "/search why would oil prices spike",
        raw: "why would oil prices spike",
    },
    Case {
        kind: "outline",
        line: "/outline",
        raw: "outline",
    },
    Case {
        kind: "help",
        line: "/help",
        raw: "help",
    },
    Case {
        kind: "autocomplete",
        line: "/section title:misr",
        raw: "misr",
    },
    Case {
        kind: "button",
        line: "v1:page:8:2",
        raw: "recalculate",
    },
];

/// Percentiles of a sample, in microseconds.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub p50: f64,
    pub p99: f64,
}

/// Times `f` over `runs` calls after a short warm-up.
pub fn time(runs: usize, mut f: impl FnMut()) -> Timing {
    for _ in 0..runs.min(50) {
        f();
    }
    let mut samples: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    samples.sort_unstable();
    let at =
        |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e6;
    Timing {
        p50: at(0.50),
        p99: at(0.99),
    }
}

/// Runs every case and prints a Markdown table with the ratio to the raw baseline.
pub fn run(engine: &Engine, runs: usize) -> ExitCode {
    println!(
        "Seminar bench: {runs} runs per command, in-process, on “{}”.",
        engine.text().title
    );
    println!(
        "Each command is parsed, answered and rendered to Discord JSON; raw = tantivy's own query parser over the same index.\n"
    );
    println!("| command | p50 µs | p99 µs | raw p50 µs | raw p99 µs | p50 ratio |");
    println!("|---|---:|---:|---:|---:|---:|");
    for case in CASES {
        let mut seed = 0u64;
        let command = time(runs, || {
            seed += 1;
            let context = Context {
                seed,
                recent_prompts: Vec::new(),
                ..Context::default()
            };
            let body = if case.kind == "button" {
                engine
                    .press(case.line, &context)
                    .map(|r| discord::press_response(&r))
                    .ok()
            } else if case.kind == "autocomplete" {
                parse_partial(case.line, engine.commands())
                    .ok()
                    .map(|i| discord::autocomplete_response(&engine.complete(&i, &context)))
            } else {
                parse_line(case.line, engine.commands())
                    .ok()
                    .and_then(|i| engine.answer(&i, &context).ok())
                    .map(|r| discord::command_response(&r))
            };
            black_box(body);
        });
        let raw = time(runs, || {
            black_box(raw::search(engine.index(), case.raw, 10).ok());
        });
        println!(
            "| {} `{}` | {:.1} | {:.1} | {:.1} | {:.1} | {:.2}× |",
            case.kind,
            case.line,
            command.p50,
            command.p99,
            raw.p50,
            raw.p99,
            command.p50 / raw.p50.max(f64::EPSILON)
        );
    }
    ExitCode::SUCCESS
}
