//! An application-wide error type in the style of `anyhow::Error`: one boxed
//! `dyn Error` that any error converts into with `?`, thanks to a blanket
//! `impl<E: Error + ...> From<E> for AppError`. That blanket impl has a price,
//! and the compiler names it.

// Someone added `impl Error for AppError`, and the crate stopped compiling. Find
// out why from the compiler, keep the blanket `From` (every `?` below relies on
// it), and still let callers treat an `AppError` as a `dyn Error`. Also give it
// the `Debug` format that `main` prints on failure (see `fmt::Debug` below).

use std::error::Error;
use std::fmt;
use std::num::ParseIntError;
use std::ops::Deref;

struct AppError {
    inner: Box<dyn Error + Send + Sync + 'static>,
}

impl<E: Error + Send + Sync + 'static> From<E> for AppError {
    fn from(err: E) -> Self {
        AppError {
            inner: Box::new(err),
        }
    }
}

impl AppError {
    /// The innermost cause.
    fn root_cause(&self) -> &(dyn Error + 'static) {
        let mut current: &(dyn Error + 'static) = self.inner.as_ref();
        while let Some(next) = current.source() {
            current = next;
        }
        current
    }
}

/// Lets an `AppError` be used wherever a `&dyn Error` is wanted, without
/// `AppError: Error`.
impl Deref for AppError {
    type Target = dyn Error + Send + Sync + 'static;

    fn deref(&self) -> &Self::Target {
        self.inner.as_ref()
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner, f)
    }
}

/// What `main` prints after "Error: ". The message, then, if there are causes:
/// a blank line, "Caused by:", and each cause on its own line, indented 4 spaces.
impl fmt::Debug for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.inner)?;
        let mut cause = self.inner.source();
        if cause.is_some() {
            write!(f, "\n\nCaused by:")?;
        }
        while let Some(err) = cause {
            write!(f, "\n    {err}")?;
            cause = err.source();
        }
        Ok(())
    }
}

/// A library error, as a `thiserror` enum would produce it.
#[derive(Debug)]
struct PortError {
    source: ParseIntError,
}

impl fmt::Display for PortError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid port")
    }
}

impl Error for PortError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.source)
    }
}

fn parse_port(raw: &str) -> Result<u16, PortError> {
    raw.parse().map_err(|source| PortError { source })
}

/// Application code: `?` converts every library error into `AppError`.
fn start(port: &str, workers: &str) -> Result<(u16, u8), AppError> {
    let port = parse_port(port)?;
    let workers: u8 = workers.parse()?;
    Ok((port, workers))
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{AppError, start};
    use std::error::Error;
    use std::fmt;
    use std::num::{IntErrorKind, ParseIntError};

    /// An error type the application has never heard of, which may wrap another error.
    #[derive(Debug)]
    struct Layer {
        message: &'static str,
        cause: Option<Box<dyn Error + Send + Sync>>,
    }

    impl fmt::Display for Layer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.message)
        }
    }

    impl Error for Layer {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            self.cause.as_deref().map(|e| e as &(dyn Error + 'static))
        }
    }

    fn call_upstream() -> Result<u16, AppError> {
        let refused = Layer {
            message: "connection refused",
            cause: Some(Box::new("x".parse::<u8>().unwrap_err())),
        };
        let outcome: Result<u16, Layer> = Err(Layer {
            message: "upstream timed out",
            cause: Some(Box::new(refused)),
        });
        Ok(outcome?)
    }

    fn failing(port: &str, workers: &str) -> AppError {
        match start(port, workers) {
            Ok(v) => panic!("expected an error, got {v:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn question_mark_absorbs_any_error() {
        assert_eq!(start("8080", "4").ok(), Some((8080, 4)));
        let err = failing("8080", "400");
        let parse = err
            .downcast_ref::<ParseIntError>()
            .expect("boxed ParseIntError");
        assert_eq!(parse.kind(), &IntErrorKind::PosOverflow);
    }

    #[test]
    fn usable_as_a_dyn_error() {
        let err = failing("http", "4");
        let as_dyn: &(dyn Error + Send + Sync) = &*err;
        assert_eq!(as_dyn.to_string(), "invalid port");
        assert!(err.source().is_some());
        assert!(err.root_cause().is::<ParseIntError>());
    }

    #[test]
    fn debug_prints_the_chain_like_main_does() {
        assert_eq!(
            format!("{:?}", failing("http", "4")),
            "invalid port\n\nCaused by:\n    invalid digit found in string"
        );
        assert_eq!(
            format!("{:?}", failing("80", "-1")),
            "invalid digit found in string"
        );
    }

    #[test]
    fn any_error_type_converts_and_prints_its_whole_chain() {
        let err = call_upstream().unwrap_err();
        assert_eq!(
            format!("{err:?}"),
            "upstream timed out\n\nCaused by:\n    connection refused\n    invalid digit found in string"
        );
        assert!(err.is::<Layer>());
        assert!(err.root_cause().is::<ParseIntError>());
    }
}
