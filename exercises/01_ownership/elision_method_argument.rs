//! The elision rules: each elided input gets its own lifetime; with exactly one
//! input lifetime, the output gets it; in a method, the output gets `&self`'s.
//! The third rule guesses wrong when a method returns part of an argument:
//! then name the argument's lifetime and tie the result to it.

// A web server mounts a sub-application at a prefix. `relative` should return
// the rest of a request path, borrowed from the request, not from the mount.

pub struct Mount {
    prefix: String,
}

impl Mount {
    pub fn new(prefix: &str) -> Self {
        Mount {
            prefix: prefix.trim_end_matches('/').to_string(),
        }
    }

    /// The prefix, borrowed from `self` (rule three is right here).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The part of `path` below this mount: `/api` + `/api/users` -> `/users`.
    /// `None` when `path` is not under the mount (`/apiary` is not under `/api`).
    pub fn relative(&self, path: &str) -> Option<&str> {
        path.strip_prefix(self.prefix.as_str())
            .filter(|rest| rest.is_empty() || rest.starts_with('/'))
    }
}

/// Splits `/search?q=rust` into the path and the query (rule two: one input).
pub fn split_query(url: &str) -> (&str, Option<&str>) {
    match url.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (url, None),
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Mount, split_query};

    #[test]
    fn prefix_is_normalised() {
        assert_eq!(Mount::new("/api/").prefix(), "/api");
    }

    #[test]
    fn relative_strips_the_prefix() {
        let api = Mount::new("/api");
        assert_eq!(api.relative("/api/users/42"), Some("/users/42"));
        assert_eq!(api.relative("/api"), Some(""));
        assert_eq!(api.relative("/apiary"), None);
        assert_eq!(api.relative("/static/app.js"), None);
    }

    #[test]
    fn relative_path_outlives_the_mount() {
        let request = String::from("/api/orders?page=2");
        let (path, query) = split_query(&request);
        let rest = {
            let api = Mount::new("/api");
            api.relative(path)
        };
        assert_eq!(rest, Some("/orders"));
        assert_eq!(query, Some("page=2"));
    }

    #[test]
    fn relative_path_points_into_the_request() {
        let request = String::from("/shop/cart/items");
        let shop = Mount::new("/shop/");
        let rest = shop.relative(&request).map(str::as_ptr);
        assert_eq!(rest, Some(request[5..].as_ptr()));
        assert_eq!(shop.relative("/shop"), Some(""));
        assert_eq!(shop.relative("/shopping"), None);
    }
}
