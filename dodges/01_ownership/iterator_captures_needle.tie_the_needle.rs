//! A returned `impl Trait` may hold on to borrows of the arguments. Since
//! edition 2024 it is assumed to capture every lifetime in scope, so the
//! caller must keep every borrowed argument alive while it uses the result.
//! When the result needs less, say so: own what it keeps, and list what it
//! really captures with `use<..>`.

// A log viewer filters lines lazily. The search box's text is gone by the time
// the viewer pulls the matching lines, and the compiler rejects that. Make the
// tests pass: the filter must stay lazy, and its results must point into the
// log itself.

/// The lines of `lines` that contain `needle`, produced lazily: a line is read
/// from `lines` only when the result is asked for its next match.
pub fn matching<'a, I>(lines: I, needle: &'a str) -> impl Iterator<Item = &'a str>
where
    I: Iterator<Item = &'a str>,
{
    lines.filter(move |line| line.contains(needle))
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::matching;
    use std::cell::Cell;

    const LOG: &str = "GET /\nPOST /login\nGET /admin\nDELETE /admin\nGET /logout";

    #[test]
    fn keeps_the_matching_lines_in_order() {
        let hits: Vec<&str> = matching(LOG.lines(), "admin").collect();
        assert_eq!(hits, ["GET /admin", "DELETE /admin"]);
        assert_eq!(matching(LOG.lines(), "PUT").count(), 0);
        assert_eq!(matching(LOG.lines(), "").count(), 5);
    }

    #[test]
    fn the_search_text_may_go_before_the_results_are_read() {
        let log = String::from(LOG);
        let hits = {
            let typed = String::from("GET");
            matching(log.lines(), &typed)
        };
        let hits: Vec<&str> = hits.collect();
        assert_eq!(hits, ["GET /", "GET /admin", "GET /logout"]);
        assert_eq!(
            hits[1].as_ptr(),
            log[18..].as_ptr(),
            "results should point into the log"
        );
    }

    #[test]
    fn lines_are_read_only_as_matches_are_asked_for() {
        let pulled = Cell::new(0);
        let lines = LOG.lines().inspect(|_| pulled.set(pulled.get() + 1));
        let mut hits = matching(lines, "admin");
        assert_eq!(
            pulled.get(),
            0,
            "nothing should be read before the first match is asked for"
        );
        assert_eq!(hits.next(), Some("GET /admin"));
        assert_eq!(pulled.get(), 3);
        assert_eq!(hits.next(), Some("DELETE /admin"));
        assert_eq!(pulled.get(), 4);
    }
}
