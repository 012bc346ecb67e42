//! `Cow<'a, str>` is either a borrowed `&'a str` or an owned `String`. A function
//! that only sometimes needs to change its input can return the input itself when
//! nothing changes and allocate only when it must.

// Most comments on the forum contain nothing to escape, yet every one is copied
// into a new String. Make `escape_html` allocate only when it has to.

use std::borrow::Cow;

/// `input` with the five HTML special characters replaced by entities.
pub fn escape_html(input: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(input.len() + 16);
    for c in input.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::escape_html;
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    // Counts the heap allocations made on the current thread (growing a buffer in
    // place is not counted), so a test can tell whether a function copied its data.
    struct Counting;
    thread_local! {
        static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    }
    // SAFETY: every call is forwarded unchanged to the system allocator.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
            // SAFETY: the caller upholds `alloc`'s contract, which `System` shares.
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: `ptr` came from `System.alloc`/`realloc` with this layout.
            unsafe { System.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: the caller upholds `realloc`'s contract, which `System` shares.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
    #[global_allocator]
    static COUNTING: Counting = Counting;

    fn allocations<T>(f: impl FnOnce() -> T) -> (T, usize) {
        let before = ALLOCATIONS.with(Cell::get);
        let out = f();
        (out, ALLOCATIONS.with(Cell::get) - before)
    }

    #[test]
    fn plain_text_allocates_nothing() {
        for comment in ["Great post, thanks!", "Grüße, 世界", ""] {
            let (escaped, n) = allocations(|| escape_html(comment));
            assert_eq!(escaped, comment);
            assert_eq!(
                n, 0,
                "escape_html({comment:?}) allocated {n} time(s) with nothing to escape"
            );
        }
    }
    use std::borrow::Cow;

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(
            escape_html(r#"<b>"Tom" & 'Jerry'</b>"#),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;"
        );
        assert_eq!(escape_html("a < b"), "a &lt; b");
        assert_eq!(escape_html("&amp;"), "&amp;amp;");
    }

    #[test]
    fn plain_text_is_borrowed_not_copied() {
        let comment = String::from("Great post, thanks!");
        let escaped = escape_html(&comment);
        assert!(
            matches!(escaped, Cow::Borrowed(_)),
            "nothing to escape, yet a new String was allocated"
        );
        assert_eq!(escaped.as_ptr(), comment.as_ptr());
        assert!(matches!(escape_html(""), Cow::Borrowed("")));
        assert!(matches!(escape_html("Grüße, 世界"), Cow::Borrowed(_)));
    }

    #[test]
    fn escaped_text_is_owned() {
        assert!(matches!(escape_html("1 < 2"), Cow::Owned(_)));
    }

    #[test]
    fn non_ascii_text_around_specials_is_kept() {
        assert_eq!(escape_html("café & crème"), "café &amp; crème");
    }
}
