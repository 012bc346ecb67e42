//! The kit's dependencies (track 7: tokio, serde, …) through the real binary, as a classroom
//! without network would have them: vendored with `cargo vendor`, served by a `CARGO_HOME`
//! whose config replaces crates.io with the vendored copy and forbids the network. `init`
//! fetches and builds them once, up front; every exercise reuses that build.

mod support;

use std::path::Path;
use std::process::Command;

use support::{BIN, Kit};

/// The library files of `krate` built in `kit`'s tool target folder.
fn rlibs(kit: &Path, krate: &str) -> Vec<std::path::PathBuf> {
    let deps = kit.join("target/rustskill/debug/deps");
    std::fs::read_dir(&deps)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    name.starts_with(&format!("lib{krate}-")) && name.ends_with(".rlib")
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn init_builds_the_crates_once_up_front_and_a_vendored_classroom_needs_no_network() {
    let dir = Kit::empty();
    // The instructor, with network (or cargo's cache): the kit and a vendored copy of its crates.
    dir.cmd(&["init", "source", "--no-build"]).run().code(0);
    let vendor = dir.path().join("vendor");
    let vendored = Command::new(env!("CARGO"))
        .args(["vendor", "--locked", "--manifest-path"])
        .arg(dir.path().join("source/Cargo.toml"))
        .arg(&vendor)
        .output()
        .unwrap();
    assert!(
        vendored.status.success(),
        "{}",
        String::from_utf8_lossy(&vendored.stderr)
    );
    // The classroom: a CARGO_HOME that knows only the vendored copy, and no network at all.
    let home = dir.path().join("cargo-home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::write(
        home.join("config.toml"),
        format!(
            "[source.crates-io]\nreplace-with = \"vendored-sources\"\n\n\
             [source.vendored-sources]\ndirectory = {:?}\n\n[net]\noffline = true\n\n\
             [http]\nproxy = \"127.0.0.1:9\"\n",
            vendor.display().to_string()
        ),
    )
    .unwrap();
    let offline = |args: &[&str], cwd: &Path| {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(cwd)
            .env("CARGO_HOME", &home)
            .env("CARGO_NET_OFFLINE", "true")
            .env_remove("RUST_BACKTRACE")
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };

    let (code, stdout, stderr) = offline(&["init", "kit"], dir.path());
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("Fetched and built the") && stdout.contains("without the network"),
        "{stdout}\n{stderr}"
    );
    let kit = dir.path().join("kit");
    let tokio = rlibs(&kit, "tokio");
    assert_eq!(tokio.len(), 1, "tokio built once, up front: {tokio:?}");
    let built_at = std::fs::metadata(&tokio[0]).unwrap().modified().unwrap();
    assert!(kit.join("target/rustskill/crates-fetched").is_file());

    // The first exercise, and a tokio one: judged (a verdict, exit 1), nothing rebuilt.
    for exercise in ["bindings_cart_total", "future_never_awaited_retry"] {
        let (code, stdout, stderr) = offline(&["run", exercise], &kit);
        assert_eq!(code, Some(1), "{exercise}: a verdict\n{stdout}\n{stderr}");
        assert!(stdout.contains(exercise), "{stdout}");
    }
    assert_eq!(rlibs(&kit, "tokio"), tokio, "the same build of tokio");
    assert_eq!(
        std::fs::metadata(&tokio[0]).unwrap().modified().unwrap(),
        built_at,
        "not rebuilt"
    );
    // The solution of the tokio exercise passes against the pinned versions, offline.
    let rel = "07_crates/future_never_awaited_retry.rs";
    let solution = std::fs::read(support::repo_root().join("solutions").join(rel)).unwrap();
    std::fs::write(kit.join("exercises").join(rel), solution).unwrap();
    let (code, stdout, stderr) = offline(&["run", "future_never_awaited_retry"], &kit);
    assert_eq!(code, Some(0), "{stdout}\n{stderr}");
}
