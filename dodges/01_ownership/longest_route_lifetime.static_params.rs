//! A function that returns a reference must say which input it borrows from.
//! With one reference parameter the compiler infers it; with two it cannot, so
//! `fn f<'a>(x: &'a str, y: &'a str) -> &'a str` promises the result lives as
//! long as the shorter-lived of the two inputs.

// An HTTP router keeps the more specific of two matching route patterns.
// Make it compile without copying the patterns.

/// The first path segment: `"/users/42"` -> `"users"`. One input, so no annotation.
pub fn first_segment(path: &str) -> &str {
    path.trim_start_matches('/').split('/').next().unwrap_or("")
}

/// The more specific (longer) of two route patterns; the first one on a tie.
pub fn most_specific(a: &'static str, b: &'static str) -> &'static str {
    if b.len() > a.len() { b } else { a }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{first_segment, most_specific};

    #[test]
    fn first_segment_skips_the_leading_slash() {
        assert_eq!(first_segment("/users/42"), "users");
        assert_eq!(first_segment("/"), "");
    }

    #[test]
    fn longer_pattern_wins() {
        assert_eq!(most_specific("/api", "/api/users/:id"), "/api/users/:id");
        assert_eq!(most_specific("/api/orders", "/api"), "/api/orders");
    }

    #[test]
    fn first_pattern_wins_a_tie() {
        assert_eq!(most_specific("/a/:id", "/b/:id"), "/a/:id");
    }

    #[test]
    fn works_on_patterns_built_at_run_time() {
        let configured = format!("/api/{}/:id", "invoices");
        let fallback = String::from("/api");
        let picked = most_specific(&configured, &fallback);
        assert_eq!(picked, "/api/invoices/:id");
        assert_eq!(picked.as_ptr(), configured.as_ptr());
    }
}
