//! Shared XOR mutable: while a reference into a `Vec` is alive, the vector may
//! not be changed. `push` can reallocate the buffer and move every element,
//! which would leave the reference dangling, so the compiler refuses it.

// Make `enqueue` compile without copying the song title.

/// Appends `song` to the play queue and returns a status line naming the song
/// at the head of the queue and the queue's new length.
pub fn enqueue(queue: &mut Vec<String>, song: &str) -> String {
    queue.push(String::from(song));
    let now_playing = &queue[0];
    format!("now playing {now_playing}, {} in queue", queue.len())
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::enqueue;
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
    fn the_head_of_the_queue_is_not_copied() {
        let mut queue = Vec::with_capacity(8);
        queue.push(String::from("Blue in Green"));
        let (status, n) = allocations(|| enqueue(&mut queue, "So What"));
        assert_eq!(status, "now playing Blue in Green, 2 in queue");
        assert!(
            n <= 2,
            "enqueue made {n} allocations: the queued title and the status line need one \
             each; a third is a copy of a title"
        );
    }

    #[test]
    fn status_names_the_head_of_the_queue() {
        let mut queue = vec![String::from("Blue in Green")];
        assert_eq!(
            enqueue(&mut queue, "So What"),
            "now playing Blue in Green, 2 in queue"
        );
        assert_eq!(
            enqueue(&mut queue, "Freddie Freeloader"),
            "now playing Blue in Green, 3 in queue"
        );
        assert_eq!(queue, ["Blue in Green", "So What", "Freddie Freeloader"]);
    }

    #[test]
    fn the_first_song_plays_at_once() {
        let mut queue = Vec::new();
        assert_eq!(
            enqueue(&mut queue, "Naima"),
            "now playing Naima, 1 in queue"
        );
    }
}
