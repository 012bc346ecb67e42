//! Zero-copy deserialization borrows from the input, so the input has to outlive what was
//! parsed from it. Text read from an `io::BufRead` lives in a buffer that is dropped or
//! reused line after line: whatever must outlive the loop cannot borrow from it. Types read
//! from a reader own their data (`serde::de::DeserializeOwned`).

// Make the tests pass: `load_orders` reads newline-delimited JSON orders from any reader
// (a file, a socket), skipping blank lines. A bad line fails with its 1-based line number
// and the JSON error as its source; a failed read keeps the io::Error. The orders outlive
// the reader. Keep `load_orders`' parameter and error type.

use serde::Deserialize;
use std::borrow::Cow;
use std::io::{self, BufRead};

#[derive(Debug, Deserialize)]
pub struct Order<'a> {
    pub id: u64,
    #[serde(borrow)]
    pub customer: Cow<'a, str>,
    pub cents: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("could not read the orders")]
    Read(#[from] io::Error),
    #[error("line {line}: not a valid order")]
    BadLine {
        line: usize,
        #[source]
        source: serde_json::Error,
    },
}

/// Every order in `reader`, one JSON object per line.
pub fn load_orders(mut reader: impl BufRead) -> Result<Vec<Order<'static>>, LoadError> {
    let mut text = String::new();
    reader.read_to_string(&mut text)?;
    let mut orders = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let order: Order = serde_json::from_str(line).map_err(|source| LoadError::BadLine {
            line: index + 1,
            source,
        })?;
        orders.push(order);
    }
    Ok(orders)
}

fn main() {
    // Free to experiment: load_orders(r#"{"id": 1, "customer": "ann", "cents": 5}"#.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::{LoadError, load_orders};
    use std::error::Error;
    use std::io::{self, BufReader, Cursor, Read};

    const ORDERS: &str = "{\"id\": 1, \"customer\": \"ann\", \"cents\": 250}\n\
                          \n\
                          {\"id\": 2, \"customer\": \"O\\\"Brien\", \"cents\": 999}\n\
                          {\"id\": 3, \"customer\": \"bo\", \"cents\": 0}\n";

    #[test]
    fn reads_every_order_and_skips_blank_lines() {
        let orders = load_orders(ORDERS.as_bytes()).expect("valid orders");
        let ids: Vec<u64> = orders.iter().map(|o| o.id).collect();
        assert_eq!(ids, vec![1, 2, 3]);
        assert_eq!(orders[0].customer, "ann");
        assert_eq!(orders[1].customer, "O\"Brien");
        assert_eq!(orders[1].cents, 999);
    }

    #[test]
    fn the_orders_outlive_their_reader() {
        let text = ORDERS.to_string();
        let orders = load_orders(BufReader::new(Cursor::new(text))).expect("valid orders");
        let worker = std::thread::spawn(move || orders.iter().map(|o| o.cents).sum::<u64>());
        assert_eq!(worker.join().expect("the worker panicked"), 1249);
    }

    #[test]
    fn a_bad_line_is_reported_with_its_number() {
        let text =
            "{\"id\": 1, \"customer\": \"ann\", \"cents\": 250}\n\n\n{\"id\": 2, \"cents\": 1}\n";
        let err = load_orders(text.as_bytes()).unwrap_err();
        assert!(matches!(err, LoadError::BadLine { line: 4, .. }), "{err:?}");
        assert_eq!(err.to_string(), "line 4: not a valid order");
        let json = err
            .source()
            .and_then(|s| s.downcast_ref::<serde_json::Error>());
        let json = json.expect("the serde_json::Error as the source");
        assert!(
            json.to_string().starts_with("missing field `customer`"),
            "{json}"
        );
    }

    /// Delivers one good line, then fails.
    struct FlakySocket {
        sent: bool,
    }

    impl Read for FlakySocket {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.sent {
                return Err(io::Error::new(io::ErrorKind::ConnectionReset, "peer left"));
            }
            self.sent = true;
            let line = b"{\"id\": 9, \"customer\": \"cy\", \"cents\": 1}\n";
            buf[..line.len()].copy_from_slice(line);
            Ok(line.len())
        }
    }

    #[test]
    fn a_failed_read_keeps_the_io_error() {
        let err = load_orders(BufReader::new(FlakySocket { sent: false })).unwrap_err();
        assert!(matches!(err, LoadError::Read(_)), "{err:?}");
        let io = err.source().and_then(|s| s.downcast_ref::<io::Error>());
        assert_eq!(
            io.map(io::Error::kind),
            Some(io::ErrorKind::ConnectionReset)
        );
    }
}
