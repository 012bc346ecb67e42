//! The command line: every subcommand and flag, with `--help` text from these doc comments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::outputs::style::ColorChoice;

/// Get good at Rust: fix small broken programs, one lesson each, judged by the real compiler.
///
/// With no subcommand, watches the current exercise and judges it on every save.
#[derive(Debug, Parser)]
#[command(
    name = "cargo-rustskill",
    bin_name = "cargo rustskill",
    version,
    max_term_width = 100
)]
pub struct Cli {
    /// The kit to work on (default: this folder or the nearest parent with an info.toml).
    #[arg(long, global = true, value_name = "DIR")]
    pub kit: Option<PathBuf>,

    /// When to colour the output; also passed on to cargo.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// The editor `open` and watch mode's `o` use, e.g. `zed`, `code -r`, `nvim`, or with
    /// `{file}` and `{line}` placeholders (default: the kit's `edit_cmd` setting, `$VISUAL`,
    /// `$EDITOR`, or `code` in VS Code's terminal).
    #[arg(long, global = true, value_name = "CMD")]
    pub edit_cmd: Option<String>,

    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options of watch mode (the default command).
    #[command(flatten)]
    pub watch: WatchArgs,
}

/// Options of watch mode.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Poll the exercise files for changes (about every 300 ms) instead of using native file
    /// events: for network file systems, WSL's Windows drives and some containers.
    #[arg(long)]
    pub poll: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the kit into a new folder, ready to open in your editor.
    Init {
        /// Where to write it.
        #[arg(default_value = "rustskill")]
        dir: PathBuf,
        /// Also write a CI workflow that installs this version of the tool and runs
        /// `verify --graded` on every push (GitHub Actions, e.g. for GitHub Classroom, or GitLab).
        #[arg(long, value_enum, value_name = "SYSTEM")]
        ci: Option<Ci>,
        /// Only write the kit: do not fetch and build the crates its exercises use now (the
        /// first exercise then does, and needs the network).
        #[arg(long)]
        no_build: bool,
    },
    /// List the exercises with their track, level and status.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Judge one exercise (default: the current one); the exit code says whether it passed.
    Run {
        /// The exercise's name.
        name: Option<String>,
    },
    /// Answer a predict item: without a choice, show its question, program and choices; with
    /// one, say whether it is right (exit 0) or not (exit 1). Every answer is recorded, and once
    /// the item is answered right (or given up) every choice is explained.
    Answer {
        /// The predict item's name.
        name: String,
        /// Your choice, by its number.
        choice: Option<usize>,
        /// Give up: record it, and see every choice explained.
        #[arg(long, conflicts_with = "choice")]
        give_up: bool,
    },
    /// Open an exercise (default: the current one) in your editor, at the line of its first
    /// error or of the first failing test's panic.
    Open {
        /// The exercise's name.
        name: Option<String>,
    },
    /// The review queue: what you found hard comes back after 1, 3, 7 and 21 days, as fresh
    /// copies in `review/` (predict items with their choices shuffled), judged as before.
    Review {
        /// Only list what is due and when the rest comes back.
        #[arg(long)]
        list: bool,
        /// Poll for changes instead of native file events (see the main --poll).
        #[arg(long)]
        poll: bool,
    },
    /// Your progress at a glance: per track, time spent, predict first-try rate, the compiler
    /// errors met most, what to practise next.
    Stats {
        /// Write a self-contained HTML page to FILE instead.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// Show the next hint tier of an exercise (default: the current one): first the concept,
    /// then the std API to reach for, then close to the fix.
    Hint {
        /// The exercise's name.
        name: Option<String>,
    },
    /// Restore an exercise (or every one) to its shipped version. Your files are kept in
    /// .rustskill/backup/<time>/, so `reset --undo` can bring them back.
    Reset {
        /// The exercise's name.
        #[arg(required_unless_present_any = ["all", "undo"], conflicts_with_all = ["all", "undo"])]
        name: Option<String>,
        /// Reset every exercise.
        #[arg(long, conflicts_with = "undo")]
        all: bool,
        /// Bring back the files the last reset replaced.
        #[arg(long)]
        undo: bool,
        /// Do not ask before discarding changes.
        #[arg(long, short)]
        yes: bool,
    },
    /// Judge every exercise, in order, without interaction; exits non-zero if any is not passing.
    Verify(VerifyArgs),
    /// Bring a kit written by `init` up to the kit built into this version of the tool: new
    /// exercises are added, files you never touched are updated, your code and progress are
    /// kept, and edited exercises whose shipped version changed are named (never overwritten).
    Upgrade,
    /// Grade learners' repositories against this (the instructor's) kit: only each learner's
    /// exercise code is taken from their repository. Run it in a container or CI runner, not on
    /// a machine full of secrets: learner code runs.
    Grade(GradeArgs),
    /// Show where a cohort is stuck: read many learners' results and write a terminal table,
    /// CSV, or a self-contained HTML page with a learners × exercises heat map.
    ///
    /// Reads `grade` reports, `verify --format json` reports (CI artifacts) and learners' kit
    /// folders with their committed .rustskill/; a folder that is none of these is searched
    /// for them. A learner's name is the report's `learner` field, else the file or folder
    /// name. Unreadable inputs are named on stderr and skipped.
    Report {
        /// Files and folders to read.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format [default: from --output's extension (.csv, .html), else table].
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<crate::cohort::ReportFormat>,
        /// Write the report to this file instead of stdout.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// A timed practice round, like a real interview: fresh copies of a few exercises in
    /// `assessment/`, a countdown, hints that cost points, and a score at the end.
    Assess(AssessArgs),
    /// Commands for kit authors.
    #[command(subcommand)]
    Dev(DevCommand),
}

/// Options of `assess`.
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Only exercises of this track (e.g. `ownership`); default: a mix like a real interview
    /// (ownership, traits, errors or concurrency, a challenge).
    #[arg(long)]
    pub track: Option<String>,
    /// Minutes allowed (default 45, or the named set's).
    #[arg(long)]
    pub minutes: Option<f64>,
    /// How many exercises.
    #[arg(long)]
    pub count: Option<usize>,
    /// Seed for picking: the same seed picks the same set.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Take a fixed assessment defined in info.toml's `[[assessments]]`.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["track", "count"])]
    pub set: Option<String>,
    /// Points each hint costs (default 5; an exercise is worth 10 per level).
    #[arg(long, value_name = "POINTS")]
    pub hint_cost: Option<u32>,
    /// List past assessments and their scores.
    #[arg(long)]
    pub history: bool,
    /// Poll for changes instead of native file events (see the main --poll).
    #[arg(long)]
    pub poll: bool,
}

/// CI systems `init --ci` writes a workflow for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Ci {
    /// `.github/workflows/rustskill.yml`
    Github,
    /// `.gitlab-ci.yml`
    Gitlab,
}

/// Options of `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report (in --format) to this file; stdout gets the human summary.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Judge everything afresh instead of reusing verdicts for unchanged exercises.
    #[arg(long)]
    pub no_cache: bool,
    /// Judge against the canonical kit (the one built into this binary, or --canonical):
    /// only your code outside the test modules counts; changed tests, info.toml or manifest
    /// are reported as tampered. For CI.
    #[arg(long)]
    pub graded: bool,
    /// The canonical kit to judge against (implies --graded), e.g. a pinned instructor kit.
    #[arg(long, value_name = "DIR")]
    pub canonical: Option<PathBuf>,
    /// A time limit for the whole run, in seconds; the report is still complete.
    #[arg(long, value_name = "SECS")]
    pub time_limit: Option<f64>,
    /// Report only the exercises of this fixed assessment (info.toml's `[[assessments]]`).
    #[arg(long, value_name = "NAME")]
    pub assessment: Option<String>,
    /// Where graded runs start learner code (with --graded).
    #[arg(long, value_enum, default_value_t = SandboxArg::Auto)]
    pub sandbox: SandboxArg,
}

/// Options of `grade`.
#[derive(Debug, Args)]
pub struct GradeArgs {
    /// The learners' kits (cloned repositories or folders).
    #[arg(required = true, value_name = "REPO")]
    pub learners: Vec<PathBuf>,
    /// Output format: human or json (the grade report, input to `report`).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Write the report to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A time limit for each learner's whole run, in seconds.
    #[arg(long, value_name = "SECS")]
    pub time_limit: Option<f64>,
    /// Grade only shard K of N of the learners, as `count:K/N` (every Nth learner in the
    /// order given, starting with the Kth) or `hash:K/N` (by a hash of the learner's name,
    /// stable when learners are added); `report` merges the shards' JSON.
    #[arg(long, value_name = "count:K/N")]
    pub partition: Option<String>,
    /// Where learner code runs.
    #[arg(long, value_enum, default_value_t = SandboxArg::Auto)]
    pub sandbox: SandboxArg,
}

/// Where graded runs start learner code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SandboxArg {
    /// Bubblewrap if installed, else Linux namespaces; where neither works, no sandbox and one
    /// warning line.
    Auto,
    /// Bubblewrap (`bwrap`), or fail.
    Bubblewrap,
    /// Linux user, mount, network and PID namespaces set up by the tool itself, or fail.
    Namespaces,
    /// No sandbox: learner code runs with your privileges and network.
    Off,
}

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Lines for people and CI logs.
    Human,
    /// One JSON document (schema `cargo-rustskill/verify/v1`, in the README).
    Json,
    /// JUnit XML, as GitLab and Jenkins display it.
    Junit,
    /// GitHub Actions annotations on your lines, and a Markdown job summary.
    Github,
}

/// Kit-author subcommands.
#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Regenerate the exercises' Cargo.toml from info.toml.
    Sync,
    /// Scaffold a new exercise: its file, its solution, its info.toml entry and its manifest
    /// target. Then break the exercise, and set `fails_with`, `hint` and `explanation`.
    New {
        /// `TRACK_DIR/NAME`, e.g. `01_ownership/borrow_the_ledger`.
        path: String,
    },
    /// Check the whole kit: every exercise fails as designed, every solution passes cleanly,
    /// info.toml, files and manifest agree. Reports every problem at once.
    Check {
        /// Judge everything afresh instead of reusing verdicts for unchanged files.
        #[arg(long)]
        no_cache: bool,
        /// Only these exercises or tracks (`move_on_assign`, `ownership`, `01_ownership`);
        /// the files and manifest are still checked whole.
        #[arg(value_name = "EXERCISE_OR_TRACK")]
        only: Vec<String>,
    },
}

/// Parses the command line, dropping the `rustskill` that cargo passes when the tool runs as
/// `cargo rustskill …`.
pub fn parse() -> Cli {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "rustskill") {
        args.remove(1);
    }
    Cli::parse_from(args)
}
