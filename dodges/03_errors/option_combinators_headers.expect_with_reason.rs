//! A missing value is an `Option`, and `unwrap()` turns every `None` into a crash.
//! The combinators (`map`, `and_then`, `filter`, `ok`, `unwrap_or`) and the `?`
//! operator keep the "maybe" flowing to whoever can decide what absence means.

// The request inspector crashes on any request that lacks a header. Rewrite the
// three functions without `unwrap`; the doc comments say what absence means.

use std::collections::HashMap;

/// Header names are stored lowercase.
type Headers = HashMap<String, String>;

/// `Content-Length` as a number; `None` when absent or not a number.
fn content_length(headers: &Headers) -> Option<u64> {
    headers
        .get("content-length")
        .and_then(|v| v.trim().parse().ok())
}

/// The token of `Authorization: Bearer <token>`; `None` for a missing header,
/// another scheme, or an empty token.
fn bearer_token(headers: &Headers) -> Option<&str> {
    headers
        .get("authorization")?
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|token| !token.is_empty())
}

/// Product name from `User-Agent` ("curl/8.5.0" -> "curl"); "unknown" when absent.
fn client_name(headers: &Headers) -> &str {
    match headers.get("user-agent") {
        Some(ua) => {
            let name = ua
                .split('/')
                .next()
                .expect("split yields at least one piece");
            if name.is_empty() { "unknown" } else { name }
        }
        None => "unknown",
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Headers, bearer_token, client_name, content_length};

    fn headers(pairs: &[(&str, &str)]) -> Headers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn full_request() {
        let h = headers(&[
            ("content-length", "348"),
            ("authorization", "Bearer abc.def"),
            ("user-agent", "curl/8.5.0"),
        ]);
        assert_eq!(content_length(&h), Some(348));
        assert_eq!(bearer_token(&h), Some("abc.def"));
        assert_eq!(client_name(&h), "curl");
    }

    #[test]
    fn bare_request_has_no_answers_but_no_crash() {
        let h = headers(&[]);
        assert_eq!(content_length(&h), None);
        assert_eq!(bearer_token(&h), None);
        assert_eq!(client_name(&h), "unknown");
    }

    #[test]
    fn malformed_values_are_absent_values() {
        let h = headers(&[
            ("content-length", "lots"),
            ("authorization", "Basic dXNlcjpwdw=="),
            ("user-agent", "/weird"),
        ]);
        assert_eq!(content_length(&h), None);
        assert_eq!(bearer_token(&h), None);
        assert_eq!(client_name(&h), "unknown");
        assert_eq!(
            bearer_token(&headers(&[("authorization", "Bearer  ")])),
            None
        );
    }

    #[test]
    fn values_are_trimmed_and_checked() {
        let h = headers(&[
            ("content-length", " 42 "),
            ("authorization", "Bearer   tok  "),
            ("user-agent", "Mozilla/5.0 (X11)"),
        ]);
        assert_eq!(content_length(&h), Some(42));
        assert_eq!(bearer_token(&h), Some("tok"));
        assert_eq!(client_name(&h), "Mozilla");
        let h = headers(&[
            ("content-length", "-1"),
            ("authorization", "Bearer"),
            ("user-agent", "wget"),
        ]);
        assert_eq!(content_length(&h), None);
        assert_eq!(bearer_token(&h), None);
        assert_eq!(client_name(&h), "wget");
    }
}
