//! A method on `&mut self` may change an enum's variant, but it cannot move
//! the old variant's data out of `*self`: for a moment the value would be
//! half moved. Take the whole old state out first, leaving a placeholder in
//! its place, then build the new state from the one you now own.

// A client connection moves its session between states. The session token is
// expensive to get, so it is handed from state to state, never copied. Make
// `pause`, `resume` and `close` compile and pass the tests.

/// A logged-in session.
#[derive(Debug, PartialEq, Clone)]
pub struct Session {
    pub token: String,
    pub requests: u32,
}

#[derive(Debug, PartialEq)]
pub enum Conn {
    Idle,
    Connected(Session),
    /// Keeps the session, to resume it later.
    Paused(Session),
    Closed {
        served: u32,
    },
}

impl Conn {
    /// An idle connection logs in with `token`; any other state is unchanged.
    pub fn connect(&mut self, token: &str) {
        if *self == Conn::Idle {
            *self = Conn::Connected(Session {
                token: token.to_string(),
                requests: 0,
            });
        }
    }

    /// Serves a request if connected; `false` in any other state.
    pub fn request(&mut self) -> bool {
        match self {
            Conn::Connected(session) => {
                session.requests += 1;
                true
            }
            Conn::Idle | Conn::Paused(_) | Conn::Closed { .. } => false,
        }
    }

    /// A connected session is paused; any other state is unchanged.
    pub fn pause(&mut self) {
        if let Conn::Connected(session) = &*self {
            *self = Conn::Paused(session.clone());
        }
    }

    /// A paused session is connected again; any other state is unchanged.
    pub fn resume(&mut self) {
        if let Conn::Paused(session) = &*self {
            *self = Conn::Connected(session.clone());
        }
    }

    /// Ends the connection in any state, counting the requests its session served.
    pub fn close(&mut self) {
        *self = match &*self {
            Conn::Connected(session) | Conn::Paused(session) => Conn::Closed {
                served: session.requests,
            },
            Conn::Idle => Conn::Closed { served: 0 },
            Conn::Closed { served } => Conn::Closed { served: *served },
        };
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Conn, Session};

    #[test]
    fn a_session_lives_through_pause_and_resume() {
        let mut conn = Conn::Idle;
        assert!(!conn.request());
        conn.connect("tok-1");
        assert!(conn.request());
        assert!(conn.request());
        conn.pause();
        assert!(matches!(conn, Conn::Paused(Session { requests: 2, .. })));
        assert!(!conn.request());
        conn.resume();
        assert!(conn.request());
        conn.close();
        assert_eq!(conn, Conn::Closed { served: 3 });
        assert!(!conn.request());
    }

    #[test]
    fn transitions_that_do_not_apply_change_nothing() {
        let mut conn = Conn::Idle;
        conn.pause();
        conn.resume();
        assert_eq!(conn, Conn::Idle);
        conn.connect("tok-2");
        conn.connect("tok-3");
        conn.resume();
        let token = match &conn {
            Conn::Connected(session) => session.token.as_str(),
            _ => "not connected",
        };
        assert_eq!(token, "tok-2");
        conn.pause();
        conn.pause();
        assert!(matches!(&conn, Conn::Paused(s) if s.token == "tok-2"));
    }

    #[test]
    fn closing_counts_what_was_served_in_any_state() {
        let mut idle = Conn::Idle;
        idle.close();
        assert_eq!(idle, Conn::Closed { served: 0 });
        let mut paused = Conn::Paused(Session {
            token: String::from("tok-4"),
            requests: 7,
        });
        paused.close();
        assert_eq!(paused, Conn::Closed { served: 7 });
        paused.close();
        paused.connect("tok-5");
        assert_eq!(paused, Conn::Closed { served: 7 });
    }

    #[test]
    fn the_session_is_handed_over_not_copied() {
        let mut conn = Conn::Idle;
        conn.connect("tok-6");
        let token_at = |conn: &Conn| match conn {
            Conn::Connected(s) | Conn::Paused(s) => Some(s.token.as_ptr()),
            Conn::Idle | Conn::Closed { .. } => None,
        };
        let original = token_at(&conn);
        assert!(original.is_some());
        conn.pause();
        assert_eq!(token_at(&conn), original);
        conn.resume();
        assert_eq!(token_at(&conn), original);
    }
}
