//! Deciding what to do about an error (retry? give up? page someone?) is a question
//! about what the error *is*, not about how it reads. Walk the `source()` chain and ask
//! each layer for its type; a message may change with any release, a type does not.

// The upload job retries transient failures, and decides which ones they are by
// searching the error's text for "timed out". That misses a timeout under a line of
// context, a reset connection and a 503, and it retries a bad request whose message
// merely mentions a timeout. Classify by type instead.

use std::error::Error;
use std::fmt;

type BoxError = Box<dyn Error + Send + Sync>;

/// What the HTTP layer reports for a status that is not a success.
#[derive(Debug)]
struct HttpStatus {
    code: u16,
}

impl fmt::Display for HttpStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "server answered {}", self.code)
    }
}

impl Error for HttpStatus {}

/// One line of context on top of the error that caused it.
#[derive(Debug)]
struct Context {
    what: &'static str,
    cause: BoxError,
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.what)
    }
}

impl Error for Context {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(self.cause.as_ref())
    }
}

/// Worth retrying: somewhere in the chain, an `io::Error` of kind `TimedOut`,
/// `Interrupted` or `ConnectionReset`, or an `HttpStatus` of 429 or any 5xx.
fn is_transient(err: &(dyn Error + 'static)) -> bool {
    use std::fmt::Write;
    let mut text = String::new();
    let _ = write!(text, "{err:?}");
    let kinds = [
        "kind: TimedOut",
        "kind: Interrupted",
        "kind: ConnectionReset",
    ];
    kinds.iter().any(|k| text.contains(k))
        || (500..600).chain([429]).any(|code| {
            let mut status = String::new();
            let _ = write!(status, "HttpStatus {{ code: {code} }}");
            text.contains(&status)
        })
}

/// Calls `attempt` until it succeeds, fails for good, or has been tried `max_tries` times.
fn with_retries<T>(
    max_tries: u32,
    mut attempt: impl FnMut() -> Result<T, BoxError>,
) -> Result<T, BoxError> {
    let mut tries = 1;
    loop {
        match attempt() {
            Err(err) if tries < max_tries && is_transient(err.as_ref()) => tries += 1,
            outcome => return outcome,
        }
    }
}

fn main() {
    let mut calls = 0;
    let outcome = with_retries(3, || {
        calls += 1;
        if calls < 3 {
            Err(Box::new(HttpStatus { code: 503 }) as BoxError)
        } else {
            Ok("uploaded")
        }
    });
    println!("{outcome:?} after {calls} calls");
}

#[cfg(test)]
mod tests {
    use super::{BoxError, Context, HttpStatus, is_transient, with_retries};
    use std::error::Error;
    use std::{fmt, io};

    /// A library error of its own, whose name and message mention a timeout, but
    /// which says nothing about whether a retry could help.
    #[derive(Debug)]
    struct LockTimedOut;

    impl fmt::Display for LockTimedOut {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("timed out waiting for the lock file")
        }
    }

    impl Error for LockTimedOut {}

    fn io(kind: io::ErrorKind, message: &str) -> BoxError {
        Box::new(io::Error::new(kind, message))
    }

    fn http(code: u16) -> BoxError {
        Box::new(HttpStatus { code })
    }

    fn context(what: &'static str, cause: BoxError) -> BoxError {
        Box::new(Context { what, cause })
    }

    fn transient(err: BoxError) -> bool {
        let classify: fn(&(dyn Error + 'static)) -> bool = is_transient;
        classify(err.as_ref())
    }

    #[test]
    fn io_errors_by_kind() {
        assert!(transient(io(io::ErrorKind::TimedOut, "read timed out")));
        assert!(transient(io(
            io::ErrorKind::ConnectionReset,
            "peer went away"
        )));
        assert!(transient(io(io::ErrorKind::Interrupted, "EINTR")));
        assert!(!transient(io(
            io::ErrorKind::NotFound,
            "timed out? no: file missing"
        )));
        assert!(!transient(io(io::ErrorKind::PermissionDenied, "denied")));
    }

    #[test]
    fn http_statuses_by_code() {
        for code in [429, 500, 503, 599] {
            assert!(transient(http(code)), "{code}");
        }
        for code in [400, 404, 428, 50, 600] {
            assert!(!transient(http(code)), "{code}");
        }
    }

    #[test]
    fn causes_count_at_any_depth() {
        let deep = context(
            "uploading report.csv",
            context(
                "sending chunk 3",
                io(io::ErrorKind::TimedOut, "os error 110"),
            ),
        );
        assert!(transient(deep));
        assert!(transient(context("calling the storage API", http(503))));
        assert!(!transient(context("calling the storage API", http(403))));
    }

    #[test]
    fn messages_do_not_decide() {
        assert!(!transient(context(
            "request timed out, says the proxy",
            http(400)
        )));
        assert!(!transient(Box::new(LockTimedOut)));
        assert!(!transient(context("retrying", Box::new(LockTimedOut))));
    }

    #[test]
    fn retries_only_what_is_transient() {
        let mut calls = 0;
        let outcome = with_retries(5, || {
            calls += 1;
            match calls {
                1 => Err(io(io::ErrorKind::ConnectionReset, "reset")),
                2 => Err(context("sending", http(502))),
                _ => Ok(calls),
            }
        });
        assert_eq!(outcome.ok(), Some(3));

        let mut calls = 0;
        let outcome: Result<(), BoxError> = with_retries(5, || {
            calls += 1;
            Err(http(404))
        });
        assert!(outcome.is_err());
        assert_eq!(calls, 1, "a 404 is not worth a second try");
    }
}
