//! Patterns do more than pick a variant: `name @ pattern` matches *and* names the
//! value, tuple patterns match several things at once, `matches!` turns
//! a pattern into a `bool`, and `while let` loops for as long as a pattern fits.

// The HTTP client reports every 2xx as 200 and retries on status 600. Fix
// `classify` and `is_retryable` with the pattern tools above.

use std::collections::VecDeque;

#[derive(Debug)]
enum Outcome {
    Success(u16),
    Redirect(String),
    ClientError(u16),
    ServerError(u16),
    /// Not a valid final answer: an unknown code, or a 3xx without `Location`.
    Invalid(u16),
}

fn classify(status: u16, location: Option<&str>) -> Outcome {
    match (status, location) {
        (200..=299, _) => Outcome::Success(200),
        (300..=399, Some(url)) => Outcome::Redirect(url.to_string()),
        (code @ 400..=499, _) => Outcome::ClientError(code),
        (code @ 500..=599, _) => Outcome::ServerError(code),
        (code, _) => Outcome::Invalid(code),
    }
}

// Every `Outcome` equals every other one.
impl PartialEq for Outcome {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// Worth another attempt: 429 Too Many Requests, or any 5xx.
fn is_retryable(status: u16) -> bool {
    matches!(status, 429 | 500..=599)
}

/// Sends until the answer is not retryable or `max_attempts` is used up.
/// `scripted` holds the status the (fake) server gives each attempt, front first;
/// answers not consumed stay queued. Returns (last status, attempts).
fn send_with_retries(scripted: &mut VecDeque<u16>, max_attempts: u32) -> Option<(u16, u32)> {
    let mut attempts = 0;
    while let Some(status) = scripted.pop_front() {
        attempts += 1;
        if !is_retryable(status) || attempts == max_attempts {
            return Some((status, attempts));
        }
    }
    None
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Outcome, classify, is_retryable, send_with_retries};
    use std::collections::VecDeque;

    #[test]
    fn success_keeps_its_exact_code() {
        assert_eq!(classify(200, None), Outcome::Success(200));
        assert_eq!(classify(204, None), Outcome::Success(204));
    }

    #[test]
    fn redirects_need_a_location() {
        assert_eq!(
            classify(301, Some("/new")),
            Outcome::Redirect("/new".to_string())
        );
        assert_eq!(classify(302, None), Outcome::Invalid(302));
    }

    #[test]
    fn errors_are_split_by_class() {
        assert_eq!(classify(404, None), Outcome::ClientError(404));
        assert_eq!(classify(503, None), Outcome::ServerError(503));
        assert_eq!(classify(99, None), Outcome::Invalid(99));
        assert_eq!(classify(600, None), Outcome::Invalid(600));
    }

    #[test]
    fn only_throttling_and_server_errors_are_retried() {
        assert!(is_retryable(429));
        assert!(is_retryable(500));
        assert!(is_retryable(599));
        assert!(!is_retryable(404));
        assert!(!is_retryable(600));
        assert!(!is_retryable(1000));
    }

    #[test]
    fn retries_stop_at_the_first_final_answer_or_the_budget() {
        assert_eq!(
            send_with_retries(&mut VecDeque::from([503, 502, 200]), 5),
            Some((200, 3))
        );
        let mut busy = VecDeque::from([503, 503, 503]);
        assert_eq!(send_with_retries(&mut busy, 2), Some((503, 2)));
        assert_eq!(busy, [503]);
        assert_eq!(
            send_with_retries(&mut VecDeque::from([429, 600]), 5),
            Some((600, 2))
        );
        assert_eq!(send_with_retries(&mut VecDeque::new(), 3), None);
    }

    #[test]
    fn the_edges_of_each_class() {
        assert_eq!(classify(299, None), Outcome::Success(299));
        assert_eq!(classify(399, None), Outcome::Invalid(399));
        assert_eq!(
            classify(308, Some("/x")),
            Outcome::Redirect("/x".to_string())
        );
        assert_eq!(classify(100, None), Outcome::Invalid(100));
        for status in [0, 428, 430, 499, 200, 301] {
            assert!(!is_retryable(status), "{status} is not retryable");
        }
        assert!(is_retryable(502));
    }
}
