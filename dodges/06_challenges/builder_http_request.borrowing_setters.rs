//! Challenge: a request builder, the API-design question of many Rust interviews.
//! Setters take `self` by value and return `Self`, so calls chain and the finished builder is
//! moved into `build`; unset settings are `Option`s that fall back to defaults; string
//! parameters take `impl Into<String>` so callers pass `&str` or `String` without ceremony;
//! and `build` validates once, returning a `Result` instead of panicking.

// Implement `RequestBuilder` (choose its fields) and every method marked `todo!()`.
// The specification is in the doc comments; the tests check each rule.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

/// A validated HTTP request, ready to send.
#[derive(Debug, PartialEq)]
pub struct Request {
    pub method: Method,
    pub url: String,
    /// In the order they were added; a name may repeat.
    pub headers: Vec<(String, String)>,
    pub body: Option<Vec<u8>>,
    pub timeout: Duration,
    pub max_retries: u32,
}

/// Why `build` refused. When several rules are broken, the first in this list is reported.
#[derive(Debug, PartialEq)]
pub enum BuildError {
    /// `url` was never set.
    MissingUrl,
    /// The URL does not start with `http://` or `https://`; carries the whole URL.
    UnsupportedScheme(String),
    /// A header name is empty or contains whitespace or `:`; carries the name.
    InvalidHeaderName(String),
    /// `Get` and `Delete` requests may not carry a body.
    BodyNotAllowed(Method),
    /// The timeout is zero.
    ZeroTimeout,
}

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
pub const DEFAULT_MAX_RETRIES: u32 = 3;

impl Request {
    /// A builder with nothing set.
    pub fn builder() -> RequestBuilder {
        RequestBuilder::new()
    }
}

/// Collects settings for a `Request`. Setting something twice keeps the last value, except
/// `header`, which appends. Defaults: method `Get`, no headers, no body,
/// `DEFAULT_TIMEOUT`, `DEFAULT_MAX_RETRIES`.
#[derive(Debug, Default)]
pub struct RequestBuilder {
    method: Option<Method>,
    url: Option<String>,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
}

impl RequestBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn method(&mut self, method: Method) -> &mut Self {
        self.method = Some(method);
        self
    }

    pub fn url(&mut self, url: impl Into<String>) -> &mut Self {
        self.url = Some(url.into());
        self
    }

    pub fn header(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn body(&mut self, body: impl Into<Vec<u8>>) -> &mut Self {
        self.body = Some(body.into());
        self
    }

    pub fn timeout(&mut self, timeout: Duration) -> &mut Self {
        self.timeout = Some(timeout);
        self
    }

    pub fn max_retries(&mut self, max_retries: u32) -> &mut Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Validates the settings (rules and their order: see `BuildError`) and fills in defaults.
    pub fn build(&self) -> Result<Request, BuildError> {
        let url = self.url.clone().ok_or(BuildError::MissingUrl)?;
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(BuildError::UnsupportedScheme(url));
        }
        if let Some((name, _)) = self
            .headers
            .iter()
            .find(|(name, _)| !valid_header_name(name))
        {
            return Err(BuildError::InvalidHeaderName(name.clone()));
        }
        let method = self.method.unwrap_or(Method::Get);
        if self.body.is_some() && matches!(method, Method::Get | Method::Delete) {
            return Err(BuildError::BodyNotAllowed(method));
        }
        let timeout = self.timeout.unwrap_or(DEFAULT_TIMEOUT);
        if timeout.is_zero() {
            return Err(BuildError::ZeroTimeout);
        }
        Ok(Request {
            method,
            url,
            headers: self.headers.clone(),
            body: self.body.clone(),
            timeout,
            max_retries: self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
        })
    }
}

fn valid_header_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || c == ':')
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{
        BuildError, DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, Method, Request, RequestBuilder,
    };
    use std::time::Duration;

    #[test]
    fn setters_take_and_return_the_builder_by_value() {
        let _: fn() -> RequestBuilder = Request::builder;
        let _: fn(RequestBuilder, Method) -> RequestBuilder = RequestBuilder::method;
        let _: fn(RequestBuilder, &'static str) -> RequestBuilder = RequestBuilder::url;
        let _: fn(RequestBuilder, String, &'static str) -> RequestBuilder = RequestBuilder::header;
        let _: fn(RequestBuilder, Vec<u8>) -> RequestBuilder = RequestBuilder::body;
        let _: fn(RequestBuilder, Duration) -> RequestBuilder = RequestBuilder::timeout;
        let _: fn(RequestBuilder, u32) -> RequestBuilder = RequestBuilder::max_retries;
        let _: fn(RequestBuilder) -> Result<Request, BuildError> = RequestBuilder::build;
    }

    #[test]
    fn owned_arguments_are_moved_in_not_copied() {
        let url = format!("https://api.example.com/orders/{}", 17);
        let token = format!("Bearer {}", "s3cr3t");
        let body = br#"{"qty":2}"#.to_vec();
        let (url_at, token_at, body_at) = (url.as_ptr(), token.as_ptr(), body.as_ptr());
        let request = Request::builder()
            .method(Method::Put)
            .url(url)
            .header("Authorization", token)
            .body(body)
            .build()
            .expect("a valid PUT");
        assert_eq!(request.url.as_ptr(), url_at, "the URL's String was copied");
        assert_eq!(
            request.headers[0].1.as_ptr(),
            token_at,
            "the header value was copied"
        );
        assert_eq!(
            request.body.as_ref().map(|body| body.as_ptr()),
            Some(body_at),
            "the body was copied"
        );
    }

    #[test]
    fn defaults_fill_in_everything_but_the_url() {
        let request = Request::builder()
            .url("https://api.example.com/health")
            .build();
        assert_eq!(
            request,
            Ok(Request {
                method: Method::Get,
                url: "https://api.example.com/health".to_string(),
                headers: vec![],
                body: None,
                timeout: DEFAULT_TIMEOUT,
                max_retries: DEFAULT_MAX_RETRIES,
            })
        );
    }

    #[test]
    fn every_setting_chains() {
        let request = RequestBuilder::new()
            .method(Method::Post)
            .url("http://localhost:8080/orders")
            .header("Content-Type", "application/json")
            .body(r#"{"sku":"A-17","qty":2}"#)
            .timeout(Duration::from_millis(250))
            .max_retries(0)
            .build()
            .expect("a valid POST");
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.url, "http://localhost:8080/orders");
        assert_eq!(
            request.headers,
            [("Content-Type".to_string(), "application/json".to_string())]
        );
        assert_eq!(
            request.body.as_deref(),
            Some(&br#"{"sku":"A-17","qty":2}"#[..])
        );
        assert_eq!(request.timeout, Duration::from_millis(250));
        assert_eq!(request.max_retries, 0);
    }

    #[test]
    fn accepts_borrowed_and_owned_strings() {
        let base = String::from("https://api.example.com");
        let token = format!("Bearer {}", "s3cr3t");
        let request = Request::builder()
            .url(format!("{base}/me"))
            .header("Authorization", token)
            .header(String::from("Accept"), "text/plain")
            .body(vec![1u8, 2, 3])
            .method(Method::Put)
            .build()
            .expect("a valid PUT");
        assert_eq!(request.url, "https://api.example.com/me");
        assert_eq!(request.headers[0].1, "Bearer s3cr3t");
        assert_eq!(request.body, Some(vec![1, 2, 3]));
        assert_eq!(
            base, "https://api.example.com",
            "the caller keeps its own String"
        );
    }

    #[test]
    fn headers_keep_order_and_repeats() {
        let request = Request::builder()
            .url("https://cdn.example.com/a.js")
            .header("Accept-Encoding", "br")
            .header("Cookie", "a=1")
            .header("Cookie", "b=2")
            .build()
            .expect("valid");
        let names: Vec<&str> = request.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Accept-Encoding", "Cookie", "Cookie"]);
        assert_eq!(request.headers[2].1, "b=2");
    }

    #[test]
    fn the_last_setting_wins() {
        let request = Request::builder()
            .url("http://old.example.com")
            .url("https://new.example.com")
            .method(Method::Delete)
            .method(Method::Get)
            .timeout(Duration::from_secs(1))
            .timeout(Duration::from_secs(2))
            .max_retries(9)
            .max_retries(1)
            .build()
            .expect("valid");
        assert_eq!(request.url, "https://new.example.com");
        assert_eq!(request.method, Method::Get);
        assert_eq!(request.timeout, Duration::from_secs(2));
        assert_eq!(request.max_retries, 1);
    }

    #[test]
    fn missing_url_is_an_error() {
        let result = Request::builder().method(Method::Post).body("x").build();
        assert_eq!(result, Err(BuildError::MissingUrl));
    }

    #[test]
    fn only_http_and_https_are_supported() {
        for url in [
            "ftp://files.example.com",
            "api.example.com",
            "https:/typo.example.com",
            "",
        ] {
            assert_eq!(
                Request::builder().url(url).build(),
                Err(BuildError::UnsupportedScheme(url.to_string())),
                "url {url:?}"
            );
        }
        assert!(Request::builder().url("http://x").build().is_ok());
    }

    #[test]
    fn header_names_are_checked() {
        for bad in ["", "X Trace", "Host:", "Tab\tName"] {
            let result = Request::builder()
                .url("https://a.example")
                .header(bad, "v")
                .build();
            assert_eq!(
                result,
                Err(BuildError::InvalidHeaderName(bad.to_string())),
                "name {bad:?}"
            );
        }
        let result = Request::builder()
            .url("https://a.example")
            .header("X-Empty-Value", "")
            .build();
        assert!(result.is_ok(), "an empty value is fine");
    }

    #[test]
    fn get_and_delete_may_not_carry_a_body() {
        for method in [Method::Get, Method::Delete] {
            let result = Request::builder()
                .url("https://a.example")
                .method(method)
                .body("x")
                .build();
            assert_eq!(result, Err(BuildError::BodyNotAllowed(method)));
        }
        let no_method = Request::builder()
            .url("https://a.example")
            .body("x")
            .build();
        assert_eq!(
            no_method,
            Err(BuildError::BodyNotAllowed(Method::Get)),
            "Get is the default"
        );
        for method in [Method::Post, Method::Put] {
            assert!(
                Request::builder()
                    .url("https://a.example")
                    .method(method)
                    .body("x")
                    .build()
                    .is_ok()
            );
        }
    }

    #[test]
    fn zero_timeout_is_an_error() {
        let result = Request::builder()
            .url("https://a.example")
            .timeout(Duration::ZERO)
            .build();
        assert_eq!(result, Err(BuildError::ZeroTimeout));
    }

    #[test]
    fn the_first_broken_rule_is_reported() {
        let result = Request::builder()
            .url("gopher://old.example")
            .header("bad name", "v")
            .body("x")
            .timeout(Duration::ZERO)
            .build();
        assert_eq!(
            result,
            Err(BuildError::UnsupportedScheme(
                "gopher://old.example".to_string()
            ))
        );
        let result = Request::builder()
            .url("https://a.example")
            .header("bad name", "v")
            .body("x")
            .timeout(Duration::ZERO)
            .build();
        assert_eq!(
            result,
            Err(BuildError::InvalidHeaderName("bad name".to_string()))
        );
        let result = Request::builder()
            .url("https://a.example")
            .body("x")
            .timeout(Duration::ZERO)
            .build();
        assert_eq!(result, Err(BuildError::BodyNotAllowed(Method::Get)));
    }
}
