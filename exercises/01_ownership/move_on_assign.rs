//! Assigning a `String` to another variable moves it: the new variable owns the
//! heap buffer and the old name can no longer be used. When you only want to
//! look at a value under a second name, borrow it with `&` instead of moving it.

// Make `banner` compile without copying the title.

/// Frames a title, in capitals, between two rules of `=` exactly as wide as
/// the capitalised title (one `=` per character).
pub fn banner(title: &str) -> String {
    let text = title.to_uppercase();
    let framed = text;
    let rule = "=".repeat(text.chars().count());
    format!("{rule}\n{framed}\n{rule}")
}

fn main() {
    // Free to experiment: println!("{}", banner("release notes"));
}

#[cfg(test)]
mod tests {
    use super::banner;
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
    fn the_capitalised_title_is_not_copied() {
        for title in ["v1.2 shipped", "straße", "x"] {
            let (_, n) = allocations(|| banner(title));
            assert!(
                n <= 3,
                "banner({title:?}) made {n} allocations: the capitalised title, the rule and the \
                 result need one each; a fourth is a copy of the title"
            );
        }
    }

    #[test]
    fn rules_are_as_wide_as_the_title() {
        assert_eq!(
            banner("v1.2 shipped"),
            "============\nV1.2 SHIPPED\n============"
        );
    }

    #[test]
    fn empty_title_gives_empty_rules() {
        assert_eq!(banner(""), "\n\n");
    }

    #[test]
    fn capitals_can_be_wider_than_the_title() {
        assert_eq!(banner("straße"), "=======\nSTRASSE\n=======");
        assert_eq!(banner("café"), "====\nCAFÉ\n====");
    }
}
