//! `init`: write the built-in kit into a new folder, ready for the editor.

use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};

use crate::app::cli::Ci;
use crate::app::exit_codes;
use crate::base::fsutil;
use crate::engine::deps;
use crate::model::embedded;
use crate::model::info::KitInfo;
use crate::model::kit::{Kit, STATE_DIR};
use crate::model::manifest::{self, Flavor};
use crate::model::progress::Progress;
use crate::model::stamp::Stamp;
use crate::outputs::style::Styles;

const GITIGNORE: &str = "# Build output of cargo and of cargo-rustskill; .rustskill/ holds your progress: commit it.\ntarget/\n";

const SOLUTIONS_README: &str = "# Solutions\n\nEach exercise's reference solution appears here once your version passes, so you can \
compare the two. There is often more than one good answer.\n";

const VSCODE_EXTENSIONS: &str = "{\n  \"recommendations\": [\"rust-lang.rust-analyzer\"]\n}\n";

/// The GitHub Actions workflow `init --ci github` writes.
fn github_workflow() -> String {
    format!(
        "# Written by `cargo rustskill init --ci github`: judges your work on every push.\n\
         # Only your code counts: tests, info.toml and the manifest come from the kit built into\n\
         # cargo-rustskill {version}, and changes to them are reported as tampered.\n\
         name: rustskill\n\
         on: [push, pull_request, workflow_dispatch]\n\
         jobs:\n\
         \x20 verify:\n\
         \x20   runs-on: ubuntu-latest\n\
         \x20   timeout-minutes: 30\n\
         \x20   steps:\n\
         \x20     - uses: actions/checkout@v4\n\
         \x20     - run: rustup toolchain install stable --profile minimal --component clippy\n\
         \x20     - run: cargo install cargo-rustskill --version ={version} --locked\n\
         \x20     - run: cargo rustskill verify --graded --format github --time-limit 1200\n",
        version = env!("CARGO_PKG_VERSION")
    )
}

/// The GitLab CI configuration `init --ci gitlab` writes.
fn gitlab_ci() -> String {
    format!(
        "# Written by `cargo rustskill init --ci gitlab`: judges your work on every push.\n\
         rustskill:\n\
         \x20 image: rust:latest\n\
         \x20 timeout: 30 minutes\n\
         \x20 script:\n\
         \x20   - rustup component add clippy\n\
         \x20   - cargo install cargo-rustskill --version ={version} --locked\n\
         \x20   - cargo rustskill verify --graded --format junit --output rustskill-junit.xml --time-limit 1200\n\
         \x20 artifacts:\n\
         \x20   when: always\n\
         \x20   reports:\n\
         \x20     junit: rustskill-junit.xml\n",
        version = env!("CARGO_PKG_VERSION")
    )
}

/// Writes the kit into `dir`, refusing to touch an existing folder with anything in it; then,
/// unless `no_build`, fetches and builds the crates its exercises use.
pub fn run(dir: &Path, ci: Option<Ci>, no_build: bool, styles: &Styles) -> Result<u8> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        if dir.join("info.toml").is_file() {
            bail!(
                "{} already holds a kit; `cd {}` and run `cargo rustskill` to carry on, or choose \
                 another folder: `cargo rustskill init OTHER_DIR`",
                dir.display(),
                dir.display()
            );
        }
        bail!(
            "{} exists and is not empty; choose a new folder: `cargo rustskill init OTHER_DIR`",
            dir.display()
        );
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent)
        .with_context(|| format!("failed to create {}", parent.display()))?;
    // Write everything into a temporary folder beside the target, then rename it into place, so
    // an interrupted init leaves no half-written kit.
    let staging = tempfile::Builder::new()
        .prefix(".rustskill-init")
        .tempdir_in(parent)
        .with_context(|| format!("failed to create a folder in {}", parent.display()))?;
    write_kit(staging.path())?;
    match ci {
        Some(Ci::Github) => write_file(
            staging.path(),
            ".github/workflows/rustskill.yml",
            github_workflow().as_bytes(),
        )?,
        Some(Ci::Gitlab) => write_file(staging.path(), ".gitlab-ci.yml", gitlab_ci().as_bytes())?,
        None => {}
    }
    if dir.exists() {
        std::fs::remove_dir(dir)
            .with_context(|| format!("failed to replace the empty folder {}", dir.display()))?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, dir)
        .with_context(|| format!("failed to move the kit into {}", dir.display()))?;

    // Absolute: cargo runs from the kit's folder.
    let kit = Kit::load(&std::path::absolute(dir)?)?;
    println!(
        "{} {} ({} exercises) written to {}.",
        styles.ok.style("Done:"),
        kit.info.kit_name,
        kit.exercises.len(),
        dir.display()
    );
    if kit.info.dependencies.is_some() && !no_build {
        prepare_dependencies(&kit, styles);
    }
    println!("\nNext:\n    cd {}\n    cargo rustskill\n", dir.display());
    println!("Open the folder in your editor too: rust-analyzer works on every exercise.");
    Ok(exit_codes::SUCCESS)
}

/// Fetches and builds the crates the exercises use, with a progress bar, so the first exercise
/// is not slow and the kit works offline afterwards. A failure (no network) is a warning: the
/// first exercise fetches them then.
fn prepare_dependencies(kit: &Kit, styles: &Styles) {
    let total = deps::crate_count(kit);
    let started = Instant::now();
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(total as u64);
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
                .expect("the template is valid")
                .progress_chars("#>-"),
        );
        bar.enable_steady_tick(Duration::from_millis(100));
        bar
    });
    let say = |text: String| match &bar {
        Some(bar) => bar.set_message(text),
        None => eprintln!("{text}"),
    };
    say(format!("fetching the {total} crates the exercises need…"));
    let mut built = 0;
    let result = deps::fetch(kit).and_then(|()| {
        say("building them (once: every exercise reuses them)…".into());
        deps::build(kit, &mut |name| {
            built += 1;
            if let Some(bar) = &bar {
                bar.set_position(built);
                bar.set_message(format!("built {name}"));
            }
        })
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(()) => println!(
            "Fetched and built the {built} crates the exercises need (tokio, serde, …) in {:.0} s: \
             exercises build without the network from now on.",
            started.elapsed().as_secs_f64()
        ),
        Err(e) => eprintln!(
            "{} could not fetch and build the crates the exercises need now; the first exercise \
             will (it needs the network then).\n{e:#}",
            styles.warn.style("warning:")
        ),
    }
}

fn write_file(root: &Path, rel: &str, contents: &[u8]) -> Result<()> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&path, contents).with_context(|| format!("failed to write {}", path.display()))
}

fn write_kit(root: &Path) -> Result<()> {
    let write = |rel: &str, contents: &[u8]| write_file(root, rel, contents);
    write("info.toml", embedded::INFO_TOML.as_bytes())?;
    let info = KitInfo::parse(embedded::INFO_TOML, Path::new("info.toml"))?;
    // A "predict, then fix" exercise is written when its item is answered, not before: its
    // file is the program the learner is about to predict.
    let unopened: Vec<String> = Kit::from_info(root.to_path_buf(), info)
        .exercises
        .iter()
        .filter(|e| e.opened_by.is_some())
        .map(|e| e.rel_path())
        .collect();
    for (rel, contents) in embedded::exercise_files() {
        if !unopened.contains(&rel) {
            write(&rel, contents)?;
        }
    }
    write("solutions/README.md", SOLUTIONS_README.as_bytes())?;
    write(".gitignore", GITIGNORE.as_bytes())?;
    write(".vscode/extensions.json", VSCODE_EXTENSIONS.as_bytes())?;

    let info = KitInfo::parse(embedded::INFO_TOML, Path::new("info.toml"))?;
    let stamp = Stamp {
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
        kit_name: info.kit_name.clone(),
        kit_version: info.kit_version.clone(),
        embedded: true,
        shipped: embedded::exercise_files()
            .into_iter()
            .map(|(rel, contents)| (rel, fsutil::content_hash(&[contents])))
            .collect(),
    };
    write(
        &format!("{STATE_DIR}/stamp.toml"),
        toml::to_string(&stamp)?.as_bytes(),
    )?;
    let kit = Kit::from_info(root.to_path_buf(), info);
    write(
        "Cargo.toml",
        manifest::render(&kit, Flavor::Learner).as_bytes(),
    )?;
    write("Cargo.lock", embedded::CARGO_LOCK)?;
    let progress = Progress {
        current: kit.exercises.first().map(|e| e.name.clone()),
        ..Progress::default()
    };
    progress.save(&kit)?;
    Ok(())
}
