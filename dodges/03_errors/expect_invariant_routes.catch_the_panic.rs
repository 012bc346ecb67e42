//! A panic is right when the program itself is wrong: a broken invariant, data
//! compiled into the binary. Then `expect("why this cannot fail")` documents the
//! invariant and makes the crash message useful. When the outside world can cause
//! the failure (an unknown path), return `Option`/`Result` instead.

// The router panics on every unknown path, and when the built-in route table is
// broken its panic says only "called `Result::unwrap()` on an `Err` value".
// Decide, for each `unwrap`, which of the two cases it is, and fix it.

/// Compiled into the binary: a malformed line here is a bug in this program.
const BUILTIN_ROUTES: &str = "/health -> health\n/metrics -> metrics\n/ -> index";

struct Router {
    routes: Vec<(String, String)>,
}

impl Router {
    /// Parses "path -> handler" lines; reports the first malformed line.
    fn parse_table(table: &str) -> Result<Router, String> {
        let mut routes = Vec::new();
        for line in table.lines() {
            let (path, handler) = line
                .split_once(" -> ")
                .ok_or_else(|| format!("malformed route line {line:?}"))?;
            routes.push((path.to_string(), handler.to_string()));
        }
        Ok(Router { routes })
    }

    /// Builds a router from a table that ships inside the binary. A broken table
    /// is a programming error: panic with a message that starts with
    /// "built-in route table is invalid".
    fn from_compiled_in(table: &'static str) -> Router {
        Router::parse_table(table).expect("built-in route table is invalid")
    }

    fn builtin() -> Router {
        Router::from_compiled_in(BUILTIN_ROUTES)
    }

    /// The handler for a request path. Unknown paths are an everyday event (404).
    fn handler_for(&self, path: &str) -> Option<&str> {
        std::panic::catch_unwind(|| {
            let (_, handler) = self
                .routes
                .iter()
                .find(|(p, _)| p == path)
                .expect("route exists");
            handler.as_str()
        })
        .ok()
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::Router;

    #[test]
    fn builtin_routes_resolve() {
        let router = Router::builtin();
        assert_eq!(router.handler_for("/health"), Some("health"));
        assert_eq!(router.handler_for("/"), Some("index"));
    }

    #[test]
    fn unknown_paths_are_not_a_crash() {
        let router = Router::builtin();
        assert_eq!(router.handler_for("/wp-admin"), None);
        assert_eq!(router.handler_for(""), None);
        assert_eq!(router.handler_for("/health/"), None);
        assert_eq!(router.handler_for("/metrics"), Some("metrics"));
    }

    #[test]
    fn user_tables_report_errors() {
        let err = Router::parse_table("/a -> a\n/b => b").err();
        assert_eq!(err.as_deref(), Some("malformed route line \"/b => b\""));
    }

    #[test]
    #[should_panic(expected = "built-in route table is invalid")]
    fn a_broken_builtin_table_is_a_bug_and_says_so() {
        Router::from_compiled_in("/health => health");
    }

    #[test]
    #[should_panic(expected = "malformed route line")]
    fn the_panic_message_keeps_the_error_it_found() {
        Router::from_compiled_in("/ -> index\n/metrics: metrics");
    }
}
