//! A library's errors are part of its API: callers match on them, and log them. `thiserror`
//! derives `Display` and `std::error::Error` for an error enum from attributes on its
//! variants and fields, including the link from each error to the one that caused it
//! (`Error::source()`) and the conversions that `?` relies on.

// Make the tests pass: `load_inventory` reads an inventory (JSON) from any reader and
// checks it. A caller must be able to tell the failures apart by variant and reach the
// underlying error through `source()`, and no message may repeat its source's text (a
// reporter prints the whole chain). Keep the function's signature.

use serde::Deserialize;
use std::io::{self, Read};

#[derive(Debug, PartialEq, Deserialize)]
pub struct Item {
    pub sku: String,
    pub count: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum InventoryError {
    #[error("could not read the inventory")]
    Read(#[source] io::Error),
    #[error("the inventory is not valid JSON")]
    Parse(String),
    #[error("item `{sku}` has a negative count ({count})")]
    NegativeCount { sku: String, count: i64 },
}

/// Reads and checks an inventory.
pub fn load_inventory(mut reader: impl Read) -> Result<Vec<Item>, InventoryError> {
    let mut text = String::new();
    reader
        .read_to_string(&mut text)
        .map_err(InventoryError::Read)?;
    let items: Vec<Item> =
        serde_json::from_str(&text).map_err(|e| InventoryError::Parse(e.to_string()))?;
    if let Some(bad) = items.iter().find(|item| item.count < 0) {
        return Err(InventoryError::NegativeCount {
            sku: bad.sku.clone(),
            count: bad.count,
        });
    }
    Ok(items)
}

fn main() {
    // Free to experiment: load_inventory(r#"[{"sku": "a", "count": 1}]"#.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::{InventoryError, Item, load_inventory};
    use std::error::Error;
    use std::io::{self, Read};

    /// A reader whose disk fails.
    struct BrokenDisk;

    impl Read for BrokenDisk {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("sector 7 unreadable"))
        }
    }

    fn assert_library_error<E: Error + Send + Sync + 'static>(_: &E) {}

    #[test]
    fn reads_a_good_inventory() {
        let json = r#"[{"sku": "bolt", "count": 40}, {"sku": "nut", "count": 0}]"#;
        let items = load_inventory(json.as_bytes()).expect("valid");
        assert_eq!(
            items,
            vec![
                Item {
                    sku: "bolt".to_string(),
                    count: 40
                },
                Item {
                    sku: "nut".to_string(),
                    count: 0
                },
            ]
        );
    }

    #[test]
    fn a_read_failure_keeps_the_io_error_as_its_source() {
        let err = load_inventory(BrokenDisk).unwrap_err();
        assert_library_error(&err);
        assert!(matches!(err, InventoryError::Read(_)), "{err:?}");
        assert_eq!(err.to_string(), "could not read the inventory");
        let source = err.source().expect("a source");
        let io = source
            .downcast_ref::<io::Error>()
            .expect("the io::Error itself");
        assert_eq!(io.to_string(), "sector 7 unreadable");
    }

    #[test]
    fn a_parse_failure_keeps_the_json_error_as_its_source() {
        let err = load_inventory(r#"[{"sku": "bolt", "count": }]"#.as_bytes()).unwrap_err();
        let InventoryError::Parse(json) = &err else {
            panic!("expected Parse, got {err:?}");
        };
        assert_eq!((json.line(), json.column()), (1, 27));
        assert_eq!(err.to_string(), "the inventory is not valid JSON");
        let source = err.source().expect("a source");
        assert!(source.downcast_ref::<serde_json::Error>().is_some());
        assert!(source.to_string().starts_with("expected value"), "{source}");
    }

    #[test]
    fn a_bad_count_names_the_item_and_has_no_source() {
        let json = r#"[{"sku": "bolt", "count": 4}, {"sku": "washer", "count": -2}]"#;
        let err = load_inventory(json.as_bytes()).unwrap_err();
        assert!(matches!(
            &err,
            InventoryError::NegativeCount { sku, count: -2 } if sku == "washer"
        ));
        assert_eq!(err.to_string(), "item `washer` has a negative count (-2)");
        assert!(err.source().is_none());
    }
}
