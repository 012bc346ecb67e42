//! A collection cannot be changed while it is being iterated: the iterator
//! holds a borrow of it. To drop the elements that fail a test, say what to
//! keep and let `Vec::retain` do the removal in one pass.

// Make `evict_expired` compile and pass, in one pass over the sessions.

#[derive(Debug, PartialEq)]
pub struct Session {
    pub user: String,
    pub last_seen: u64,
}

/// Removes every session not seen within `ttl` seconds of `now`, keeping the
/// others in their order. Returns how many were evicted. A session seen "after"
/// `now` (the clocks of two servers disagree a little) counts as just seen.
pub fn evict_expired(sessions: &mut Vec<Session>, now: u64, ttl: u64) -> usize {
    let before = sessions.len();
    for i in (0..sessions.len()).rev() {
        if now.saturating_sub(sessions[i].last_seen) > ttl {
            sessions.drain(i..=i);
        }
    }
    before - sessions.len()
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::{Session, evict_expired};

    fn session(user: &str, last_seen: u64) -> Session {
        Session {
            user: user.to_string(),
            last_seen,
        }
    }

    fn users(sessions: &[Session]) -> Vec<&str> {
        sessions.iter().map(|s| s.user.as_str()).collect()
    }

    #[test]
    fn evicts_idle_sessions_and_keeps_order() {
        let mut sessions = vec![
            session("ana", 100),
            session("ben", 10),
            session("cleo", 20),
            session("dev", 95),
            session("eve", 5),
        ];
        assert_eq!(evict_expired(&mut sessions, 110, 30), 3);
        assert_eq!(users(&sessions), ["ana", "dev"]);
    }

    #[test]
    fn session_exactly_at_the_limit_stays() {
        let mut sessions = vec![session("ana", 80)];
        assert_eq!(evict_expired(&mut sessions, 110, 30), 0);
        assert_eq!(users(&sessions), ["ana"]);
    }

    #[test]
    fn adjacent_expired_sessions_all_go() {
        let mut sessions = vec![
            session("ana", 1),
            session("ben", 2),
            session("cleo", 100),
            session("dev", 3),
            session("eve", 4),
        ];
        assert_eq!(evict_expired(&mut sessions, 100, 10), 4);
        assert_eq!(users(&sessions), ["cleo"]);
        assert_eq!(evict_expired(&mut sessions, 500, 10), 1);
        assert!(sessions.is_empty());
        assert_eq!(evict_expired(&mut sessions, 500, 10), 0);
    }

    #[test]
    fn a_session_from_a_clock_slightly_ahead_stays() {
        let mut sessions = vec![session("ana", 112), session("ben", 50)];
        assert_eq!(evict_expired(&mut sessions, 110, 30), 1);
        assert_eq!(users(&sessions), ["ana"]);
    }
}
