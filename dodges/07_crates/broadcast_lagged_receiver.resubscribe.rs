//! `tokio::sync::broadcast` keeps only the last `capacity` messages, for all receivers at
//! once. A slow receiver never holds the sender back: when it falls further behind, the
//! oldest messages are overwritten, and its next `recv` reports how many it missed. The
//! channel has not ended then; only `RecvError::Closed` means that.

// Make the tests pass: `follow` watches a price feed until the feed ends, and reports what
// it saw and how much it missed. Keep the signature.

use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;

#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub seq: u64,
    pub cents: u64,
}

#[derive(Debug, Default, PartialEq)]
pub struct Digest {
    /// The sequence numbers received, in order.
    pub seen: Vec<u64>,
    /// How many quotes were overwritten before this receiver got to them.
    pub missed: u64,
    /// How many times the receiver fell behind.
    pub lag_events: u32,
    /// The price in the last quote received.
    pub last_cents: Option<u64>,
}

/// Follows the feed until every sender is gone.
pub async fn follow(mut feed: broadcast::Receiver<Quote>) -> Digest {
    let mut digest = Digest::default();
    loop {
        match feed.recv().await {
            Ok(quote) => {
                digest.seen.push(quote.seq);
                digest.last_cents = Some(quote.cents);
            }
            Err(RecvError::Lagged(skipped)) => {
                digest.missed += skipped;
                digest.lag_events += 1;
                feed = feed.resubscribe(); // start afresh from the newest quote
            }
            Err(RecvError::Closed) => break,
        }
    }
    digest
}

fn main() {
    // Free to experiment; the tests feed quotes to `follow` on tokio's paused clock.
}

#[cfg(test)]
mod tests {
    use super::{Digest, Quote, follow};
    use std::time::Duration;
    use tokio::sync::broadcast;

    fn quote(seq: u64) -> Quote {
        Quote {
            seq,
            cents: 1000 + seq,
        }
    }

    /// Lets every other task run until it waits: the clock is paused, so this sleep ends
    /// only once the runtime has nothing else to do.
    async fn settle() {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }

    #[tokio::test(start_paused = true)]
    async fn a_receiver_that_keeps_up_misses_nothing() {
        let (tx, rx) = broadcast::channel(4);
        let follower = tokio::spawn(follow(rx));
        for seq in 1..=10 {
            tx.send(quote(seq)).expect("the follower is subscribed");
            settle().await;
        }
        drop(tx);
        let digest = follower.await.expect("follow panicked");
        assert_eq!(
            digest,
            Digest {
                seen: (1..=10).collect(),
                missed: 0,
                lag_events: 0,
                last_cents: Some(1010),
            }
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_lagging_receiver_skips_ahead_and_keeps_following() {
        let (tx, rx) = broadcast::channel(4);
        let follower = tokio::spawn(follow(rx));
        let burst = |range: std::ops::RangeInclusive<u64>| {
            for seq in range {
                tx.send(quote(seq)).expect("the follower is subscribed");
            }
        };
        burst(1..=6); // two more than the channel keeps
        settle().await;
        burst(7..=8);
        settle().await;
        burst(9..=18); // six too many
        settle().await;
        drop(tx);
        let digest = follower.await.expect("follow panicked");
        assert_eq!(
            digest,
            Digest {
                seen: vec![3, 4, 5, 6, 7, 8, 15, 16, 17, 18],
                missed: 8,
                lag_events: 2,
                last_cents: Some(1018),
            }
        );
    }

    #[tokio::test(start_paused = true)]
    async fn sequence_numbers_need_not_be_consecutive() {
        // The exchange numbers the quotes of all its instruments in one sequence, so this
        // feed's numbers have gaps; only the channel knows what this receiver missed.
        let (tx, rx) = broadcast::channel(4);
        let follower = tokio::spawn(follow(rx));
        for seq in [10, 20, 30] {
            tx.send(quote(seq)).expect("the follower is subscribed");
            settle().await;
        }
        for seq in [100, 200, 300, 400, 500, 600] {
            tx.send(quote(seq)).expect("the follower is subscribed");
        }
        settle().await;
        drop(tx);
        let digest = follower.await.expect("follow panicked");
        assert_eq!(
            digest,
            Digest {
                seen: vec![10, 20, 30, 300, 400, 500, 600],
                missed: 2,
                lag_events: 1,
                last_cents: Some(1600),
            }
        );
    }

    #[tokio::test]
    async fn a_feed_that_ends_at_once_is_empty() {
        let (tx, rx) = broadcast::channel::<Quote>(2);
        drop(tx);
        assert_eq!(follow(rx).await, Digest::default());
    }

    #[tokio::test]
    async fn everything_sent_before_listening_still_counts() {
        // tokio rounds the capacity up to a power of two: 3 keeps the last 4.
        let (tx, rx) = broadcast::channel(3);
        for seq in 1..=7 {
            tx.send(quote(seq)).expect("subscribed");
        }
        drop(tx);
        let digest = follow(rx).await;
        assert_eq!(digest.seen, vec![4, 5, 6, 7]);
        assert_eq!((digest.missed, digest.lag_events), (3, 1));
    }
}
