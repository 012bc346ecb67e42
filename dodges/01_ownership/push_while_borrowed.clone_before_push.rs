//! Shared XOR mutable: while a reference into a `Vec` is alive, the vector may
//! not be changed. `push` can reallocate the buffer and move every element,
//! which would leave the reference dangling, so the compiler refuses it.

// Make `enqueue` compile without copying the song title.

/// Appends `song` to the play queue and returns a status line naming the song
/// at the head of the queue and the queue's new length.
pub fn enqueue(queue: &mut Vec<String>, song: &str) -> String {
    let now_playing = queue[0].clone();
    queue.push(String::from(song));
    format!("now playing {now_playing}, {} in queue", queue.len())
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::enqueue;

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
