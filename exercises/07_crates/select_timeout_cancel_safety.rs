//! `tokio::select!` polls several futures and, as soon as one finishes, drops the others.
//! Dropping a future cancels it at the `.await` where it was suspended, and whatever it
//! kept in its own locals is gone. A future is *cancel-safe* when being dropped there loses
//! nothing; `mpsc::Receiver::recv` is, a loop that buffers into a local is not.

// Make the tests pass: a session reads length-prefixed frames (one length byte, then that
// many bytes) from a stream that delivers bytes in arbitrary chunks, and sends a heartbeat
// whenever `idle` passes without a complete frame. Keep the signatures.

use std::time::Duration;
use tokio::sync::mpsc;

/// Splits the chunks of a byte stream into frames.
pub struct FrameReader {
    chunks: mpsc::Receiver<Vec<u8>>,
}

/// Takes one complete frame off the front of `buf`, if there is one.
fn take_frame(buf: &mut Vec<u8>) -> Option<Vec<u8>> {
    let (&len, rest) = buf.split_first()?;
    let len = usize::from(len);
    if rest.len() < len {
        return None;
    }
    let frame = rest[..len].to_vec();
    buf.drain(..=len);
    Some(frame)
}

impl FrameReader {
    pub fn new(chunks: mpsc::Receiver<Vec<u8>>) -> Self {
        FrameReader { chunks }
    }

    /// The next frame, or `None` once the stream has ended.
    pub async fn read_frame(&mut self) -> Option<Vec<u8>> {
        let mut buffered = Vec::new();
        loop {
            if let Some(frame) = take_frame(&mut buffered) {
                return Some(frame);
            }
            let chunk = self.chunks.recv().await?;
            buffered.extend_from_slice(&chunk);
        }
    }
}

#[derive(Debug, Default, PartialEq)]
pub struct Session {
    pub frames: Vec<Vec<u8>>,
    pub heartbeats: u32,
}

/// Reads frames until the stream ends, with a heartbeat after every `idle` without a frame.
pub async fn run_session(reader: &mut FrameReader, idle: Duration) -> Session {
    let mut session = Session::default();
    loop {
        tokio::select! {
            frame = reader.read_frame() => match frame {
                Some(frame) => session.frames.push(frame),
                None => break,
            },
            () = tokio::time::sleep(idle) => session.heartbeats += 1,
        }
    }
    session
}

fn main() {
    // Free to experiment; the tests run sessions on tokio's paused clock.
}

#[cfg(test)]
mod tests {
    use super::{FrameReader, Session, run_session};
    use std::time::Duration;
    use tokio::sync::mpsc;
    use tokio::time::{Instant, sleep_until};

    /// Sends each chunk at its time (ms after the start), then ends the stream.
    fn stream(timeline: Vec<(u64, Vec<u8>)>) -> FrameReader {
        let (tx, rx) = mpsc::channel(16);
        let start = Instant::now();
        tokio::spawn(async move {
            for (at_ms, chunk) in timeline {
                sleep_until(start + Duration::from_millis(at_ms)).await;
                tx.send(chunk).await.expect("the session hung up");
            }
        });
        FrameReader::new(rx)
    }

    fn frames(list: &[&[u8]]) -> Vec<Vec<u8>> {
        list.iter().map(|f| f.to_vec()).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn a_heartbeat_in_the_middle_of_a_frame_loses_nothing() {
        let mut reader = stream(vec![
            (0, vec![3, b'a']),
            (1500, vec![b'b', b'c']),
            (1600, vec![2, b'h', b'i', 1]),
            (4000, vec![b'!']),
        ]);
        let session = run_session(&mut reader, Duration::from_secs(1)).await;
        assert_eq!(
            session,
            Session {
                frames: frames(&[b"abc", b"hi", b"!"]),
                heartbeats: 3,
            }
        );
    }

    #[tokio::test(start_paused = true)]
    async fn busy_streams_need_no_heartbeat() {
        let mut reader = stream(vec![
            (0, vec![1, b'x', 2, b'y']),
            (300, vec![b'z', 0, 1]),
            (600, vec![b'w']),
        ]);
        let session = run_session(&mut reader, Duration::from_millis(500)).await;
        assert_eq!(
            session,
            Session {
                frames: frames(&[b"x", b"yz", b"", b"w"]),
                heartbeats: 0,
            }
        );
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_stream_gets_a_heartbeat_per_period() {
        let mut reader = stream(vec![(2500, vec![1]), (3700, vec![b'q'])]);
        let start = Instant::now();
        let session = run_session(&mut reader, Duration::from_secs(1)).await;
        assert_eq!(session.frames, frames(&[b"q"]));
        assert_eq!(session.heartbeats, 3);
        assert_eq!(start.elapsed(), Duration::from_millis(3700));
    }

    #[tokio::test(start_paused = true)]
    async fn two_sessions_at_once_keep_their_own_bytes() {
        let mut left = stream(vec![(0, vec![2, b'l']), (1200, vec![b'L'])]);
        let mut right = stream(vec![(100, vec![3, b'r']), (1300, vec![b'R', b'!'])]);
        let idle = Duration::from_secs(1);
        let (left, right) =
            tokio::join!(run_session(&mut left, idle), run_session(&mut right, idle));
        assert_eq!(left.frames, frames(&[b"lL"]));
        assert_eq!(right.frames, frames(&[b"rR!"]));
        assert_eq!((left.heartbeats, right.heartbeats), (1, 1));
    }
}
