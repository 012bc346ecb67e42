//! Context chaining: each layer wraps the error below with one line saying what
//! it was doing ("loading config", "line 3"), and `source()` links the layers
//! into a chain a reporter can walk. This is what `anyhow::Context` does; here
//! it is built by hand on `std::error::Error`.

// `ContextError` folds its cause into its own message and hides it from
// `source()`, so tools that walk the chain see one opaque error. And
// `with_context` builds its message even when nothing failed. Fix both: each
// layer displays only its own context, and exposes its cause through `source()`.

use std::error::Error;
use std::fmt;
use std::iter;

type BoxError = Box<dyn Error + Send + Sync + 'static>;

/// One line of context on top of the error that caused it.
#[derive(Debug)]
struct ContextError {
    context: String,
    source: BoxError,
}

impl fmt::Display for ContextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.context)
    }
}

impl Error for ContextError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(self.source.as_ref())
    }
}

/// `.context("...")` / `.with_context(|| ...)` on any `Result` whose error is an `Error`.
trait Context<T> {
    fn context(self, msg: &str) -> Result<T, ContextError>;
    /// Like `context`, but only builds the message if there is an error.
    fn with_context<F: FnOnce() -> String>(self, msg: F) -> Result<T, ContextError>;
}

impl<T, E: Error + Send + Sync + 'static> Context<T> for Result<T, E> {
    fn context(self, msg: &str) -> Result<T, ContextError> {
        self.map_err(|err| ContextError {
            context: msg.to_string(),
            source: Box::new(err),
        })
    }

    fn with_context<F: FnOnce() -> String>(self, msg: F) -> Result<T, ContextError> {
        let msg = msg();
        self.context(&msg)
    }
}

/// Every layer's message, outermost first, joined with ": ".
fn report(err: &(dyn Error + 'static)) -> String {
    iter::successors(Some(err), |&e| e.source())
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}

/// The innermost error of the chain.
fn root_cause<'a>(err: &'a (dyn Error + 'static)) -> &'a (dyn Error + 'static) {
    iter::successors(Some(err), |&e| e.source())
        .last()
        .unwrap_or(err)
}

/// Reads the value of `workers=N`, wherever it is in the file.
fn load_workers(text: &str) -> Result<u32, ContextError> {
    let found = text
        .lines()
        .enumerate()
        .find_map(|(i, line)| Some((i + 1, line.strip_prefix("workers=")?)));
    let count = match found {
        Some((line_no, value)) => value
            .trim()
            .parse::<u32>()
            .with_context(|| format!("line {line_no}")),
        None => Err(ContextError {
            context: "searching for `workers=`".to_string(),
            source: "no such line".into(),
        }),
    };
    count.context("loading config")
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Context, load_workers, report, root_cause};
    use std::cell::Cell;
    use std::error::Error;
    use std::iter;
    use std::num::ParseIntError;

    const BAD: &str = "name=api\nport=80\nworkers=eight\n";

    #[test]
    fn good_config() {
        assert_eq!(load_workers("port=80\nworkers=4").ok(), Some(4));
    }

    #[test]
    fn the_report_walks_the_whole_chain() {
        let err = load_workers(BAD).unwrap_err();
        assert_eq!(
            report(&err),
            "loading config: line 3: invalid digit found in string"
        );
    }

    #[test]
    fn a_missing_line_is_reported_too() {
        let err = load_workers("port=80").unwrap_err();
        assert_eq!(
            report(&err),
            "loading config: searching for `workers=`: no such line"
        );
    }

    #[test]
    fn each_layer_displays_only_its_own_context() {
        let err = load_workers(BAD).unwrap_err();
        assert_eq!(err.to_string(), "loading config");
        let chain: Vec<String> = iter::successors(Some(&err as &dyn Error), |&e| e.source())
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            chain,
            ["loading config", "line 3", "invalid digit found in string"]
        );
    }

    #[test]
    fn the_root_cause_keeps_its_type() {
        let err = load_workers(BAD).unwrap_err();
        assert!(root_cause(&err).is::<ParseIntError>());
    }

    #[test]
    fn with_context_is_lazy() {
        let calls = Cell::new(0);
        let parsed: Result<u8, ParseIntError> = "7".parse();
        let value = parsed.with_context(|| {
            calls.set(calls.get() + 1);
            "formatting this costs an allocation".to_string()
        });
        assert_eq!(value.ok(), Some(7));
        assert_eq!(
            calls.get(),
            0,
            "the message was built although nothing failed"
        );
    }
}
