//! A borrow lasts until its last use, not until the end of the block
//! (non-lexical lifetimes). When a mutation collides with a borrow, the cure
//! is to finish with the borrow before the mutation, and to borrow afresh
//! after it if the new state is needed too.

// A table-tennis club rotates its serving order after every round and keeps
// a journal. Make `serve` compile without copying any player's name. The
// journal must name the player who served this round and the one who is up
// next.

/// Records who served this round and who serves next, then rotates the
/// serving order so that the next player is at the front. An empty order
/// records nothing.
pub fn serve(order: &mut [String], journal: &mut Vec<String>) {
    let Some(server) = order.first() else {
        return;
    };
    let server = server.to_string();
    order.rotate_left(1);
    journal.push(format!("{server} served, {} is up", order[0]));
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::serve;
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
    fn no_name_is_copied() {
        let mut order = players(&["gus", "hal", "ivy"]);
        let mut journal = Vec::with_capacity(4);
        let ((), n) = allocations(|| serve(&mut order, &mut journal));
        assert_eq!(journal, ["gus served, hal is up"]);
        assert!(
            n <= 1,
            "serve made {n} allocations: the journal line needs one; more is a copy of a name"
        );
    }

    fn players(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn serving_order_rotates_and_the_journal_names_each_server() {
        let mut order = players(&["ana", "ben", "cleo"]);
        let mut journal = Vec::new();
        for _ in 0..4 {
            serve(&mut order, &mut journal);
        }
        assert_eq!(
            journal,
            [
                "ana served, ben is up",
                "ben served, cleo is up",
                "cleo served, ana is up",
                "ana served, ben is up",
            ]
        );
        assert_eq!(order, ["ben", "cleo", "ana"]);
    }

    #[test]
    fn a_lone_player_serves_every_round() {
        let mut order = players(&["dana"]);
        let mut journal = Vec::new();
        serve(&mut order, &mut journal);
        serve(&mut order, &mut journal);
        assert_eq!(
            journal,
            ["dana served, dana is up", "dana served, dana is up"]
        );
        assert_eq!(order, ["dana"]);
    }

    #[test]
    fn an_empty_order_records_nothing() {
        let mut order = Vec::new();
        let mut journal = vec![String::from("club opened")];
        serve(&mut order, &mut journal);
        assert_eq!(journal, ["club opened"]);
    }

    #[test]
    fn the_names_are_rotated_not_rebuilt() {
        let mut order = players(&["eli", "fay"]);
        let buffers: Vec<*const u8> = order.iter().map(|n| n.as_ptr()).collect();
        let mut journal = Vec::new();
        serve(&mut order, &mut journal);
        assert_eq!(order[1].as_ptr(), buffers[0]);
        assert_eq!(order[0].as_ptr(), buffers[1]);
    }
}
