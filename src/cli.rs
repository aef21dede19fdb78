//! The command-line interface: subcommands, their flags, settings and exit codes. Each subcommand's
//! work lives in its own module; this one only parses and dispatches.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::Config;
use crate::gateway::Shards;
use crate::{ask, bot_cmd, console, content_cmd, forget_cmd, serve_cmd};
use seminar_core::content::Tree;
use seminar_core::engine::{Engine, Source};
use seminar_store::Forget;

/// Seminar: a discussion partner for a long text, on Discord and in the terminal.
#[derive(Debug, Parser)]
#[command(name = "seminar", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub setup: Setup,
    #[command(subcommand)]
    pub command: Command,
}

/// Where the texts, the index and the settings come from: the flags `seminar` and `seminar-lab`
/// both take.
#[derive(Debug, Args)]
pub struct Setup {
    /// The content directory: a library of texts, or one text [default: from the settings, else ./content]
    #[arg(long, global = true, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// A folder for a persistent search index, reused while the content is unchanged and rebuilt
    /// when it changed [default: from the settings, else in RAM]
    #[arg(long, global = true, value_name = "DIR")]
    pub index_dir: Option<PathBuf>,
    /// The settings file [default: config/seminar.toml when present]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl Setup {
    /// The settings (logging started) and what to serve; a settings error is printed as
    /// `PROGRAM: …` and becomes the exit code.
    pub fn load(&self, program: &str) -> Result<(Config, Source), ExitCode> {
        let config = Config::load(self.config.as_deref()).map_err(|e| {
            eprintln!("{program}: {e}");
            ExitCode::FAILURE
        })?;
        crate::logging::init(&config.log.level);
        let source = source(self.content.as_deref(), self.index_dir.clone(), &config);
        Ok((config, source))
    }
}

/// What `seminar` can do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer one command line, e.g. `seminar ask '/search strait of hormuz'`.
    Ask {
        /// The command line: a command, then `key:value` options or free text.
        #[arg(required = true, num_args = 1.., value_name = "LINE")]
        line: Vec<String>,
        /// Print the exact Discord callback body instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Answer a button press, given the button's custom_id.
    Press {
        /// The button's custom_id, e.g. `v1:page:8:2`.
        custom_id: String,
        /// Print the exact Discord callback body instead of text.
        #[arg(long)]
        json: bool,
    },
    /// What "Find in essay" (a message's menu on Discord) answers for a chat message.
    Find {
        /// The message's text.
        #[arg(required = true, num_args = 1.., value_name = "MESSAGE")]
        message: Vec<String>,
        /// Print the exact Discord callback body instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Suggest values for the last option of a command line, e.g. `seminar complete '/section title:misr'`.
    Complete {
        #[arg(required = true, num_args = 1.., value_name = "LINE")]
        line: Vec<String>,
        /// Print the exact Discord callback body instead of text.
        #[arg(long)]
        json: bool,
    },
    /// An interactive prompt: type slash commands, press buttons by number. Reads one command
    /// per line when stdin is not a terminal.
    Console {
        /// Print each answer as a Discord callback body (one JSON object per line).
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON array that registers every command (PUT /applications/{id}/commands).
    Commands,
    /// Validate a content directory as start-up does (with the default text the settings choose)
    /// and report every problem with file and line.
    Check {
        /// The directory to check [default: the content directory]
        dir: Option<PathBuf>,
    },
    /// Turn a raw text file into a content directory.
    Import {
        /// The raw text (UTF-8; a BOM and CRLF line ends are fine).
        file: PathBuf,
        /// Where to write the content directory.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// A regular expression: each line matching it starts a new section.
        #[arg(long, value_name = "REGEX")]
        heading: Option<String>,
        /// Overwrite an existing content directory at --out.
        #[arg(long)]
        force: bool,
    },
    /// Score /search and /actor on judged queries: hit@1, hit@3 and MRR, with the misses
    /// (`seminar-lab eval` scores the same queries next to SQLite FTS5 and substring baselines).
    Eval {
        /// A TOML file of judged queries ([[search]] query + sections; [[actor]] query + actor + sections).
        file: PathBuf,
    },
    /// Run the Discord bot: connect with DISCORD_TOKEN, register the commands, answer until
    /// SIGINT or SIGTERM.
    Run {
        /// Shards to run: 1, auto (Discord's recommendation), N (a total), or FIRST-LAST/TOTAL
        /// (e.g. 0-3/8) when several processes share the bot.
        #[arg(long, default_value = "1", value_name = "SPEC", value_parser = parse_shards)]
        shards: Shards,
    },
    /// Serve Discord's interactions over HTTP: verify each signed POST with DISCORD_PUBLIC_KEY and
    /// answer it, until SIGINT or SIGTERM.
    Serve {
        /// Where to listen, host:port (default: the `[http] listen` setting, 127.0.0.1:8080).
        #[arg(long, value_name = "ADDR")]
        listen: Option<String>,
    },
    /// Register the commands with Discord once (skipped if already registered) and exit.
    Register,
    /// Write a consistent copy of the database to PATH (a new file), even while the bot runs.
    Backup {
        /// Where to write the copy.
        path: PathBuf,
    },
    /// Erase what Seminar stores about a member in a server (with --user), or about a whole
    /// server: settings, reading positions, plans and their posts, suggestions, prompts shown.
    Forget {
        /// The server's id.
        #[arg(long, value_name = "ID", value_parser = snowflake())]
        guild: u64,
        /// The member's user id: only their data in the server.
        #[arg(long, value_name = "ID", value_parser = snowflake())]
        user: Option<u64>,
    },
}

/// A Discord id: a positive number that fits in 63 bits.
fn snowflake() -> clap::builder::RangedU64ValueParser<u64> {
    clap::value_parser!(u64).range(1..=i64::MAX as u64)
}

/// Runs the CLI and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let (config, source) = match cli.setup.load("seminar") {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let content = source.content.clone();
    match cli.command {
        Command::Check { dir } => content_cmd::check(
            &dir.map_or(content, Tree::disk),
            source.default_text.as_deref(),
        ),
        Command::Import {
            file,
            out,
            heading,
            force,
        } => content_cmd::import(&file, &out, heading.as_deref(), force),
        Command::Run { shards } => bot_cmd::run(&source, &config, shards),
        Command::Register => bot_cmd::register(&source, &config),
        Command::Serve { listen } => serve_cmd::serve(&source, &config, listen),
        Command::Backup { path } => bot_cmd::backup(&config, &path),
        Command::Forget { guild, user } => forget_cmd::forget(
            &config,
            match user {
                Some(member) => Forget::Member { guild, member },
                None => Forget::Guild(guild),
            },
        ),
        command => with_engine("seminar", &source, |engine| match command {
            Command::Ask { line, json } => ask::ask(engine, &line.join(" "), json),
            Command::Press { custom_id, json } => ask::press(engine, &custom_id, json),
            Command::Complete { line, json } => ask::complete(engine, &line.join(" "), json),
            Command::Find { message, json } => ask::find(engine, &message.join(" "), json),
            Command::Console { json } => console::run(engine, json),
            Command::Commands => ask::commands(engine),
            Command::Eval { file } => content_cmd::eval(engine, &file),
            Command::Check { .. }
            | Command::Import { .. }
            | Command::Run { .. }
            | Command::Register
            | Command::Serve { .. }
            | Command::Backup { .. }
            | Command::Forget { .. } => unreachable!("handled above"),
        }),
    }
}

/// What to serve: the content and index folder the flags name, else the settings'.
pub fn source(content_flag: Option<&Path>, index_dir: Option<PathBuf>, config: &Config) -> Source {
    Source {
        content: content(content_flag, config),
        index_dir: index_dir.or(config.content.index_dir.clone()),
        default_text: config.content.default_text.clone(),
    }
}

/// The content: the flag, else the settings (with the environment); when neither names a folder
/// and `./content` does not exist, the texts compiled into the binary.
fn content(flag: Option<&Path>, config: &Config) -> Tree {
    if let Some(dir) = flag {
        return Tree::disk(dir);
    }
    let configured = &config.content.dir;
    if configured.exists() || configured != Path::new(crate::config::DEFAULT_CONTENT) {
        return Tree::disk(configured);
    }
    crate::bundled::tree()
}

fn parse_shards(spec: &str) -> Result<Shards, String> {
    spec.parse()
}

/// Runs `run` on the engine for `source`; content that does not load is printed as
/// `PROGRAM: cannot load…` and fails.
pub fn with_engine(
    program: &str,
    source: &Source,
    run: impl FnOnce(&Engine) -> ExitCode,
) -> ExitCode {
    match Engine::open(source) {
        Ok(engine) => {
            let code = run(&engine);
            // The process ends here: freeing the library's many small strings one by one would
            // only delay the exit.
            std::mem::forget(engine);
            code
        }
        Err(e) => {
            eprintln!(
                "{program}: cannot load the content in {}:\n{e}",
                source.content
            );
            ExitCode::FAILURE
        }
    }
}
