//! An application rarely matches on errors; it reports them, and picks an exit code. The
//! `anyhow::Error` type carries any error plus context layers added with `.context(..)` /
//! `.with_context(|| ..)`; `{:#}` prints the whole chain on one line, and
//! `downcast_ref` still reaches the library's typed error underneath, context or not.

// Make the tests pass: `check_stock` is the command `stock check FILE`. Its failures must
// read as one chain (what the command was doing, then the library's error, then its cause)
// and still map to the right exit code. The library module is correct; keep it.

use anyhow::{anyhow, bail};
use std::io::Read;

/// The library, as in the previous exercise: typed errors with sources.
pub mod inventory {
    use serde::Deserialize;
    use std::io::{self, Read};

    #[derive(Debug, Deserialize)]
    pub struct Item {
        pub sku: String,
        pub count: i64,
    }

    #[derive(Debug, thiserror::Error)]
    pub enum InventoryError {
        #[error("could not read the inventory")]
        Read(#[from] io::Error),
        #[error("the inventory is not valid JSON")]
        Parse(#[from] serde_json::Error),
        #[error("item `{sku}` has a negative count ({count})")]
        NegativeCount { sku: String, count: i64 },
    }

    pub fn load_inventory(mut reader: impl Read) -> Result<Vec<Item>, InventoryError> {
        let mut text = String::new();
        reader.read_to_string(&mut text)?;
        let items: Vec<Item> = serde_json::from_str(&text)?;
        if let Some(bad) = items.iter().find(|item| item.count < 0) {
            return Err(InventoryError::NegativeCount {
                sku: bad.sku.clone(),
                count: bad.count,
            });
        }
        Ok(items)
    }
}

use inventory::{InventoryError, load_inventory};

/// `stock check FILE`: the total count of the inventory in `file`.
pub fn check_stock(path: &str, file: impl Read) -> anyhow::Result<i64> {
    let items = load_inventory(file).map_err(|e| {
        let cause = std::error::Error::source(&e)
            .map(|c| format!(": {c}"))
            .unwrap_or_default();
        anyhow!("checking the stock in `{path}`: {e}{cause}")
    })?;
    if items.is_empty() {
        bail!("`{path}` lists no items");
    }
    Ok(items.iter().map(|item| item.count).sum())
}

/// The process exit code for a failure: 65 for bad input data, 74 for I/O, 1 otherwise.
pub fn exit_code(err: &anyhow::Error) -> i32 {
    match err.downcast_ref::<InventoryError>() {
        Some(InventoryError::Parse(_) | InventoryError::NegativeCount { .. }) => 65,
        Some(InventoryError::Read(_)) => 74,
        None => 1,
    }
}

fn main() -> anyhow::Result<()> {
    // `main` returning an error prints it with its chain (`Error: ..., Caused by: ...`).
    let total = check_stock("stock.json", r#"[{"sku": "bolt", "count": 4}]"#.as_bytes())?;
    println!("{total} items in stock");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::inventory::InventoryError;
    use super::{check_stock, exit_code};
    use std::io::{self, Read};

    struct BrokenDisk;

    impl Read for BrokenDisk {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("sector 7 unreadable"))
        }
    }

    fn check(path: &str, json: &str) -> anyhow::Result<i64> {
        check_stock(path, json.as_bytes())
    }

    #[test]
    fn sums_a_good_inventory() {
        let total = check(
            "a.json",
            r#"[{"sku": "a", "count": 4}, {"sku": "b", "count": 6}]"#,
        );
        assert_eq!(total.expect("valid"), 10);
    }

    #[test]
    fn a_parse_failure_reads_as_one_chain() {
        let err = check("stock.json", "[{").unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            "checking the stock in `stock.json`: the inventory is not valid JSON: \
             EOF while parsing an object at line 1 column 2"
        );
        assert_eq!(err.to_string(), "checking the stock in `stock.json`");
        assert_eq!(err.chain().count(), 3);
        assert_eq!(exit_code(&err), 65);
    }

    #[test]
    fn the_library_error_is_still_there_to_match() {
        let err = check("b.json", r#"[{"sku": "nut", "count": -1}]"#).unwrap_err();
        match err.downcast_ref::<InventoryError>() {
            Some(InventoryError::NegativeCount { sku, count }) => {
                assert_eq!((sku.as_str(), *count), ("nut", -1));
            }
            other => panic!("expected NegativeCount, got {other:?}"),
        }
        assert_eq!(exit_code(&err), 65);
    }

    #[test]
    fn an_io_failure_keeps_its_cause() {
        let err = check_stock("/mnt/c.json", BrokenDisk).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            "checking the stock in `/mnt/c.json`: could not read the inventory: sector 7 unreadable"
        );
        let io = err
            .root_cause()
            .downcast_ref::<io::Error>()
            .expect("the io::Error");
        assert_eq!(io.kind(), io::ErrorKind::Other);
        assert_eq!(exit_code(&err), 74);
    }

    #[test]
    fn an_empty_inventory_is_the_applications_own_error() {
        let err = check("d.json", "[]").unwrap_err();
        assert_eq!(format!("{err:#}"), "`d.json` lists no items");
        assert_eq!(err.chain().count(), 1);
        assert_eq!(exit_code(&err), 1);
    }
}
