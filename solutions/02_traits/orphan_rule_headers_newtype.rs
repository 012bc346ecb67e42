//! The orphan rule: you may implement a trait for a type only if your crate
//! defines the trait or the type. `Display` and `Vec` are both std's, so
//! `impl Display for Vec<Header>` is refused. Wrap the foreign type in a local
//! newtype; `Deref` lets the wrapper keep the inner type's methods.

// The HTTP client wants to print a header block with `{}`, but `Headers` is only
// an alias, and an alias is not a new type. Make `Headers` a real type of this crate
// that still behaves like the list it wraps.

use std::fmt;
use std::ops::{Deref, DerefMut};

struct Header {
    name: String,
    value: String,
}

impl Header {
    fn new(name: &str, value: &str) -> Self {
        Header {
            name: name.to_string(),
            value: value.to_string(),
        }
    }
}

struct Headers(Vec<Header>);

impl From<Vec<Header>> for Headers {
    fn from(list: Vec<Header>) -> Self {
        Headers(list)
    }
}

impl Deref for Headers {
    type Target = Vec<Header>;
    fn deref(&self) -> &Vec<Header> {
        &self.0
    }
}

impl DerefMut for Headers {
    fn deref_mut(&mut self) -> &mut Vec<Header> {
        &mut self.0
    }
}

/// One "Name: value\r\n" line per header.
impl fmt::Display for Headers {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for h in self.iter() {
            write!(f, "{}: {}\r\n", h.name, h.value)?;
        }
        Ok(())
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Header, Headers};
    use std::fmt;

    fn assert_display<T: fmt::Display>(_: &T) {}

    fn sample() -> Headers {
        Headers::from(vec![
            Header::new("Host", "example.com"),
            Header::new("Accept", "*/*"),
        ])
    }

    #[test]
    fn prints_as_a_header_block() {
        assert_eq!(sample().to_string(), "Host: example.com\r\nAccept: */*\r\n");
    }

    #[test]
    fn still_behaves_like_the_list_it_wraps() {
        let mut headers = sample();
        headers.push(Header::new("X-Trace", "abc"));
        assert_eq!(headers.len(), 3);
        assert!(
            headers
                .iter()
                .any(|h| h.name == "X-Trace" && h.value == "abc")
        );
        assert!(headers.to_string().ends_with("X-Trace: abc\r\n"));
    }

    #[test]
    fn headers_is_a_displayable_type_of_its_own() {
        let headers = sample();
        assert_display(&headers);
        assert_eq!(format!("{headers}"), "Host: example.com\r\nAccept: */*\r\n");
        assert_eq!(format!("{}", Headers::from(Vec::new())), "");
    }
}
