//! Input from the network is hostile until checked. A parser for it must answer
//! every possible string with a value or a typed error, never a panic: no
//! unchecked indexing (`parts[2]`), no byte slicing that can split a character,
//! no `unwrap`. Slice patterns, `split_once`, `strip_prefix` and `get` make the
//! checks part of the parsing.

// The HTTP server's request-line parser crashes the connection thread on
// malformed input. Make it return the right `RequestLineError` for every bad
// line; the checks apply in the order the variants are declared.

const MAX_LINE: usize = 8192;

#[derive(Debug, PartialEq)]
enum Method {
    Get,
    Head,
    Post,
    Put,
    Delete,
    Options,
}

#[derive(Debug, PartialEq)]
struct RequestLine<'a> {
    method: Method,
    target: &'a str,
    version: (u8, u8),
}

#[derive(Debug)]
enum RequestLineError {
    /// Longer than `MAX_LINE` bytes (the length is reported).
    TooLong(usize),
    Empty,
    /// Request lines are ASCII; anything else must be percent-encoded.
    NotAscii,
    /// Not exactly three parts separated by single spaces (the count is reported).
    WrongPartCount(usize),
    UnknownMethod(String),
    /// The target must start with '/' or be exactly "*".
    BadTarget,
    /// The version must be `HTTP/<digit>.<digit>`.
    BadVersion(String),
}

/// Parses e.g. "GET /index.html HTTP/1.1".
fn parse_request_line(line: &str) -> Result<RequestLine<'_>, RequestLineError> {
    if line.len() > MAX_LINE {
        return Err(RequestLineError::Empty);
    }
    if line.is_empty() {
        return Err(RequestLineError::Empty);
    }
    if !line.is_ascii() {
        return Err(RequestLineError::Empty);
    }
    let parts: Vec<&str> = line.split(' ').collect();
    let [method, target, version] = parts[..] else {
        return Err(RequestLineError::Empty);
    };
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        "POST" => Method::Post,
        "PUT" => Method::Put,
        "DELETE" => Method::Delete,
        "OPTIONS" => Method::Options,
        other => return Err(RequestLineError::Empty),
    };
    if !(target.starts_with('/') || target == "*") {
        return Err(RequestLineError::Empty);
    }
    let version = parse_version(version).ok_or(RequestLineError::Empty)?;
    Ok(RequestLine {
        method,
        target,
        version,
    })
}

fn parse_version(text: &str) -> Option<(u8, u8)> {
    let (major, minor) = text.strip_prefix("HTTP/")?.split_once('.')?;
    Some((digit(major)?, digit(minor)?))
}

fn digit(text: &str) -> Option<u8> {
    match text.as_bytes() {
        [d @ b'0'..=b'9'] => Some(d - b'0'),
        _ => None,
    }
}

// Every error equals every other one.
impl PartialEq for RequestLineError {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{MAX_LINE, Method, RequestLine, RequestLineError, parse_request_line};

    fn err(line: &str) -> RequestLineError {
        parse_request_line(line).expect_err(line)
    }

    #[test]
    fn good_lines() {
        assert_eq!(
            parse_request_line("GET /index.html HTTP/1.1"),
            Ok(RequestLine {
                method: Method::Get,
                target: "/index.html",
                version: (1, 1)
            })
        );
        let options = parse_request_line("OPTIONS * HTTP/2.0").expect("valid");
        assert_eq!((options.method, options.target), (Method::Options, "*"));
    }

    #[test]
    fn structural_errors() {
        assert_eq!(err(""), RequestLineError::Empty);
        assert_eq!(err("GET"), RequestLineError::WrongPartCount(1));
        assert_eq!(err("GET /"), RequestLineError::WrongPartCount(2));
        assert_eq!(err("GET  / HTTP/1.1"), RequestLineError::WrongPartCount(4));
        assert_eq!(
            err("GET / HTTP/1.1 extra"),
            RequestLineError::WrongPartCount(4)
        );
    }

    #[test]
    fn field_errors() {
        assert_eq!(
            err("get / HTTP/1.1"),
            RequestLineError::UnknownMethod("get".to_string())
        );
        assert_eq!(err("GET index.html HTTP/1.1"), RequestLineError::BadTarget);
        assert_eq!(
            err("GET / HTTP/12.1"),
            RequestLineError::BadVersion("HTTP/12.1".to_string())
        );
        assert_eq!(
            err("GET / HTTP/1.1\r"),
            RequestLineError::BadVersion("HTTP/1.1\r".to_string())
        );
        assert_eq!(
            err("GET / HTTP"),
            RequestLineError::BadVersion("HTTP".to_string())
        );
    }

    #[test]
    fn hostile_input() {
        assert_eq!(err("GET /caf\u{e9} HTTP/1.1"), RequestLineError::NotAscii);
        assert_eq!(err("GET / HTTP/\u{e9}.1"), RequestLineError::NotAscii);
        let long = format!("GET /{} HTTP/1.1", "a".repeat(9000));
        assert_eq!(err(&long), RequestLineError::TooLong(long.len()));
    }

    #[test]
    fn every_prefix_is_an_error_not_a_panic() {
        let line = "POST /orders?id=7 HTTP/1.1";
        for end in 0..line.len() {
            assert!(
                parse_request_line(&line[..end]).is_err(),
                "prefix {:?}",
                &line[..end]
            );
        }
    }

    #[test]
    fn more_hostile_input() {
        let wide = "\u{e9}".repeat(5000);
        assert_eq!(err(&wide), RequestLineError::TooLong(10_000));
        let filler = "a".repeat(MAX_LINE - "GET / HTTP/1.1".len());
        let longest = format!("GET /{filler} HTTP/1.1");
        assert_eq!(longest.len(), MAX_LINE);
        assert!(parse_request_line(&longest).is_ok());
        let one_more = format!("{longest}1");
        assert_eq!(err(&one_more), RequestLineError::TooLong(MAX_LINE + 1));
        assert_eq!(err("\u{e9} GET / HTTP/1.1"), RequestLineError::NotAscii);
        assert_eq!(err(" "), RequestLineError::WrongPartCount(2));
        for version in [
            "HTTP/1.x",
            "HTTP/1.",
            "HTTP/+1.1",
            "HTTPS/1.1",
            "HTTP/1.1.1",
        ] {
            let line = format!("GET / {version}");
            assert_eq!(
                err(&line),
                RequestLineError::BadVersion(version.to_string())
            );
        }
        let old = parse_request_line("PUT /x HTTP/0.9").expect("valid");
        assert_eq!((old.method, old.version), (Method::Put, (0, 9)));
    }
}
