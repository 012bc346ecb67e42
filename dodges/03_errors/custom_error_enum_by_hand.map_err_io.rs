//! A library's error type is an enum the caller can `match`, and it plugs into
//! the ecosystem by implementing `Display` (one line for humans), `Error` (with
//! `source()` pointing at the underlying cause) and `From` (so `?` converts).
//! This is exactly the code the `thiserror` derive writes for you.

// `ManifestError` claims to be an `Error` but has no `Display`, and the loader's
// `?` cannot convert an `io::Error`. Write the impls by hand: the messages are in
// the doc comments, and `source()` must return the wrapped error, if there is one.

use std::error::Error;
use std::fmt;
use std::io::{self, Read};
use std::num::ParseIntError;

// With the `thiserror` crate, everything from here to `Manifest` would be:
//
// #[derive(Debug, thiserror::Error)]
// enum ManifestError {
//     #[error("could not read manifest")]
//     Io(#[from] io::Error),
//     #[error("`{key}` is not a number")]
//     BadNumber { key: String, source: ParseIntError },
//     #[error("missing key `{0}`")]
//     MissingKey(&'static str),
// }

#[derive(Debug)]
enum ManifestError {
    /// "could not read manifest"
    Io(io::Error),
    /// "`replicas` is not a number"
    BadNumber { key: String, source: ParseIntError },
    /// "missing key `service`"
    MissingKey(&'static str),
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ManifestError::Io(_) => write!(f, "could not read manifest"),
            ManifestError::BadNumber { key, .. } => write!(f, "`{key}` is not a number"),
            ManifestError::MissingKey(key) => write!(f, "missing key `{key}`"),
        }
    }
}

impl Error for ManifestError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            ManifestError::Io(err) => Some(err),
            ManifestError::BadNumber { source, .. } => Some(source),
            ManifestError::MissingKey(_) => None,
        }
    }
}

#[derive(Debug, PartialEq)]
struct Manifest {
    service: String,
    replicas: u32,
}

fn field<'a>(text: &'a str, key: &'static str) -> Result<&'a str, ManifestError> {
    text.lines()
        .filter_map(|line| line.split_once('='))
        .find(|(k, _)| k.trim() == key)
        .map(|(_, v)| v.trim())
        .ok_or(ManifestError::MissingKey(key))
}

fn load_manifest(mut input: impl Read) -> Result<Manifest, ManifestError> {
    let mut text = String::new();
    input.read_to_string(&mut text).map_err(ManifestError::Io)?;
    let service = field(&text, "service")?.to_string();
    let replicas =
        field(&text, "replicas")?
            .parse()
            .map_err(|source| ManifestError::BadNumber {
                key: "replicas".to_string(),
                source,
            })?;
    Ok(Manifest { service, replicas })
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Manifest, ManifestError, load_manifest};
    use std::error::Error;
    use std::io::{self, Read};
    use std::num::ParseIntError;

    struct BrokenDisk;

    impl Read for BrokenDisk {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "sector 7 unreadable",
            ))
        }
    }

    #[test]
    fn loads_a_good_manifest() {
        let m = load_manifest("service = web\nreplicas = 3\n".as_bytes()).unwrap();
        assert_eq!(
            m,
            Manifest {
                service: "web".to_string(),
                replicas: 3
            }
        );
    }

    #[test]
    fn io_errors_convert_and_stay_reachable() {
        let err = load_manifest(BrokenDisk).unwrap_err();
        assert!(matches!(err, ManifestError::Io(_)));
        assert_eq!(err.to_string(), "could not read manifest");
        let cause = err
            .source()
            .expect("Io must expose its io::Error as source");
        assert_eq!(cause.to_string(), "sector 7 unreadable");
        assert!(cause.downcast_ref::<io::Error>().is_some());
    }

    #[test]
    fn bad_numbers_name_the_key_and_keep_the_cause() {
        let err = load_manifest("service = web\nreplicas = many".as_bytes()).unwrap_err();
        assert_eq!(err.to_string(), "`replicas` is not a number");
        let cause = err
            .source()
            .expect("BadNumber must expose its ParseIntError");
        assert!(cause.is::<ParseIntError>());
    }

    #[test]
    fn missing_keys_have_no_underlying_cause() {
        let err: Box<dyn Error> = Box::new(load_manifest("replicas = 2".as_bytes()).unwrap_err());
        assert_eq!(err.to_string(), "missing key `service`");
        assert!(err.source().is_none());
    }

    #[test]
    fn messages_come_from_the_variant_not_the_call_site() {
        let source = "x".parse::<u32>().unwrap_err();
        let err = ManifestError::BadNumber {
            key: "port".to_string(),
            source,
        };
        assert_eq!(err.to_string(), "`port` is not a number");
        assert_eq!(
            ManifestError::MissingKey("replicas").to_string(),
            "missing key `replicas`"
        );
    }

    #[test]
    fn io_errors_convert_through_from() {
        let err: ManifestError = io::Error::other("disk gone").into();
        assert!(matches!(err, ManifestError::Io(_)));
        let _: fn(io::Error) -> ManifestError = ManifestError::from;
    }
}
