//! The evidence harness: Rust source the grader adds to every graded exercise, beside the
//! canonical tests. Each canonical test's body runs inside [`run`](HARNESS) (or one of its
//! variants), which writes one authenticated record once the body has returned normally:
//! `NAME TAG`, the tag a SipHash-2-4 of `passed\n` and the name under a per-run key.
//!
//! The key arrives on stdin, which the harness reads to its end the first time any test
//! starts, before any test body (and so any learner code) runs; later readers find stdin at
//! its end. The records file is opened then and its name removed, so only the harness holds
//! it. The module's name is random per run, so learner code, written before the run, cannot
//! name it; it uses no name a learner's code can change (std paths in full, std macros by
//! path, no glob imports), and no `unsafe`, so it compiles under `#![forbid(unsafe_code)]`.

/// The first word of the key line on stdin.
pub const KEY_MAGIC: &str = "rustskill-evidence-v1";

/// The environment variable naming the records file.
pub const RECORDS_VAR: &str = "RUSTSKILL_EVIDENCE";

/// What each record's tag covers before the test's name.
pub const TAG_PREFIX: &[u8] = b"passed\n";

/// The harness module's items (its name and attributes are added per run).
const HARNESS: &str = r#"
use ::std::hash::Hasher as _;
use ::std::io::{Read as _, Write as _};
pub(crate) struct Channel { k0: u64, k1: u64, out: ::std::sync::Mutex<::std::fs::File> }
static CHANNEL: ::std::sync::OnceLock<::std::result::Result<Channel, ::std::string::String>> = ::std::sync::OnceLock::new();
fn open() -> ::std::result::Result<Channel, ::std::string::String> {
    let mut key = ::std::string::String::new();
    ::std::io::stdin().read_to_string(&mut key).map_err(|e| ::std::format!("no key on stdin: {e}"))?;
    let mut words = key.split_whitespace();
    if words.next() != ::std::option::Option::Some("MAGIC") {
        return ::std::result::Result::Err("no key on stdin: graded test binaries are run by the grader only".into());
    }
    let mut next = || words.next().and_then(|w| u64::from_str_radix(w, 16).ok()).ok_or_else(|| ::std::string::String::from("a malformed key"));
    let (k0, k1) = (next()?, next()?);
    let path = ::std::env::var_os("VAR").ok_or_else(|| ::std::string::String::from("no records file"))?;
    let out = ::std::fs::OpenOptions::new().append(true).open(&path).map_err(|e| ::std::format!("the records file: {e}"))?;
    ::std::fs::remove_file(&path).map_err(|e| ::std::format!("the records file: {e}"))?;
    ::std::result::Result::Ok(Channel { k0, k1, out: ::std::sync::Mutex::new(out) })
}
fn channel() -> &'static Channel {
    match CHANNEL.get_or_init(open) {
        ::std::result::Result::Ok(channel) => channel,
        ::std::result::Result::Err(e) => ::std::panic!("rustskill evidence: {e}"),
    }
}
pub(crate) fn begin() { let _ = channel(); }
fn record(name: &str) {
    let channel = channel();
    #[allow(deprecated)]
    let mut hasher = ::std::hash::SipHasher::new_with_keys(channel.k0, channel.k1);
    hasher.write(b"passed\n");
    hasher.write(name.as_bytes());
    let line = ::std::format!("{name} {:016x}\n", hasher.finish());
    let mut out = channel.out.lock().unwrap_or_else(|e| e.into_inner());
    if out.write_all(line.as_bytes()).and_then(|()| out.flush()).is_err() {
        ::std::panic!("rustskill evidence: the record could not be written");
    }
}
pub(crate) trait Passes { fn passes(&self) -> bool; }
impl Passes for () { fn passes(&self) -> bool { true } }
impl<T, E> Passes for ::std::result::Result<T, E> { fn passes(&self) -> bool { self.is_ok() } }
pub(crate) fn run<R: Passes>(name: &str, body: impl ::std::ops::FnOnce() -> R) -> R {
    begin();
    let result = body();
    if result.passes() { record(name); }
    result
}
pub(crate) async fn run_async<R: Passes>(name: &str, body: impl ::std::future::Future<Output = R>) -> R {
    begin();
    let result = body.await;
    if result.passes() { record(name); }
    result
}
pub(crate) fn run_should_panic(name: &str, expected: ::std::option::Option<&str>, body: impl ::std::ops::FnOnce()) {
    begin();
    if let ::std::result::Result::Err(payload) = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(body)) {
        let message = payload.downcast_ref::<&str>().map(|s| ::std::string::String::from(*s))
            .or_else(|| payload.downcast_ref::<::std::string::String>().cloned()).unwrap_or_default();
        if expected.is_none_or(|e| message.contains(e)) { record(name); }
        ::std::panic::resume_unwind(payload);
    }
}
pub(crate) fn run_main<T: ::std::process::Termination>(name: &str, main: fn() -> T) {
    begin();
    let code = main().report();
    if ::std::format!("{code:?}") == ::std::format!("{:?}", ::std::process::ExitCode::SUCCESS) {
        record(name);
    } else {
        ::std::panic!("main returned unsuccessfully ({code:?})");
    }
}
"#;

/// The name of the module that runs a run-mode exercise's `main` as a test.
pub const MAIN_MODULE: &str = "__rustskill_main";

/// The harness module, named `name`, on one line (so no line of the file before it moves).
pub fn module(name: &str) -> String {
    let body: String = HARNESS
        .replace("MAGIC", KEY_MAGIC)
        .replace("VAR", RECORDS_VAR)
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "#[cfg(test)] #[allow(warnings, clippy::all, clippy::pedantic, clippy::nursery)] mod {name} {{ {body} }}"
    )
}

/// A test module that runs a run-mode exercise's `main` under the harness, and its test.
pub fn main_module(harness: &str) -> (String, String) {
    let test = format!("{MAIN_MODULE}::runs");
    let text = format!(
        "#[cfg(test)] #[allow(warnings, clippy::all)] mod {MAIN_MODULE} {{ #[test] fn runs() {{ crate::{harness}::run_main(\"{test}\", super::main) }} }}"
    );
    (text, test)
}

/// The tag of a record for `name` under the key (`k0`, `k1`), as the harness computes it.
pub fn tag(k0: u64, k1: u64, name: &str) -> u64 {
    use std::hash::Hasher as _;
    #[allow(deprecated)]
    let mut hasher = std::hash::SipHasher::new_with_keys(k0, k1);
    hasher.write(TAG_PREFIX);
    hasher.write(name.as_bytes());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::{module, tag};

    #[test]
    fn the_module_is_one_line_and_names_its_protocol() {
        let text = module("__ev_1234");
        assert_eq!(text.lines().count(), 1);
        assert!(text.contains("mod __ev_1234 {"));
        assert!(text.contains("\"rustskill-evidence-v1\""));
        assert!(text.contains("\"RUSTSKILL_EVIDENCE\""));
        assert!(!text.contains("MAGIC") && !text.contains("\"VAR\""));
    }

    #[test]
    fn tags_depend_on_the_key_and_the_name() {
        assert_ne!(tag(1, 2, "tests::a"), tag(1, 3, "tests::a"));
        assert_ne!(tag(1, 2, "tests::a"), tag(1, 2, "tests::b"));
        assert_eq!(tag(1, 2, "tests::a"), tag(1, 2, "tests::a"));
    }
}
