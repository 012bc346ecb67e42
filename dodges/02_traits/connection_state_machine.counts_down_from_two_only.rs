//! An enum whose variants carry data is a state machine where each state holds
//! exactly the fields that make sense in it. `match` must be exhaustive, so when
//! someone adds a state, the compiler lists every place that has to decide what
//! the new state means.

#![warn(clippy::wildcard_enum_match_arm)]

// A teammate added `Draining` to the HTTP client's connection states (a shutdown
// waits for in-flight responses). Teach the rest of the code about it: a draining
// connection accepts no new requests, and closes when its last response arrives.

#[derive(Debug, PartialEq)]
enum Conn {
    Idle,
    Connecting { attempt: u32 },
    Open { in_flight: u32 },
    Draining { in_flight: u32 },
    Closed,
}

#[derive(Debug, Clone, Copy)]
enum Event {
    Dial,
    Connected,
    Failed,
    Request,
    Response,
    Shutdown,
}

const MAX_ATTEMPTS: u32 = 3;

impl Conn {
    fn step(self, event: Event) -> Conn {
        match (self, event) {
            (Conn::Idle, Event::Dial) => Conn::Connecting { attempt: 1 },
            (Conn::Connecting { .. }, Event::Connected) => Conn::Open { in_flight: 0 },
            (Conn::Connecting { attempt }, Event::Failed) if attempt < MAX_ATTEMPTS => {
                Conn::Connecting {
                    attempt: attempt + 1,
                }
            }
            (Conn::Connecting { .. }, Event::Failed) => Conn::Closed,
            (Conn::Open { in_flight }, Event::Request) => Conn::Open {
                in_flight: in_flight + 1,
            },
            (Conn::Open { in_flight }, Event::Response) => Conn::Open {
                in_flight: in_flight.saturating_sub(1),
            },
            (Conn::Open { in_flight: 0 }, Event::Shutdown) => Conn::Closed,
            (Conn::Open { in_flight }, Event::Shutdown) => Conn::Draining { in_flight },
            (Conn::Draining { in_flight: 2 }, Event::Response) => Conn::Draining { in_flight: 1 },
            (Conn::Draining { .. }, Event::Response) => Conn::Closed,
            // Events that do not apply in a state leave it unchanged.
            (state, _) => state,
        }
    }

    fn accepts_requests(&self) -> bool {
        match self {
            Conn::Open { .. } => true,
            Conn::Idle | Conn::Connecting { .. } | Conn::Draining { .. } | Conn::Closed => false,
        }
    }

    fn status_line(&self) -> String {
        match self {
            Conn::Idle => "idle".to_string(),
            Conn::Connecting { attempt } => {
                format!("connecting (attempt {attempt}/{MAX_ATTEMPTS})")
            }
            Conn::Open { in_flight } => format!("open, {in_flight} in flight"),
            Conn::Draining { in_flight } => format!("draining, {in_flight} in flight"),
            Conn::Closed => "closed".to_string(),
        }
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Conn, Event};

    fn run(events: &[Event]) -> Conn {
        events.iter().fold(Conn::Idle, |state, &e| state.step(e))
    }

    #[test]
    fn dial_retries_then_gives_up() {
        assert_eq!(
            run(&[Event::Dial, Event::Failed]),
            Conn::Connecting { attempt: 2 }
        );
        let failed = [Event::Dial, Event::Failed, Event::Failed, Event::Failed];
        assert_eq!(run(&failed), Conn::Closed);
    }

    #[test]
    fn shutdown_with_requests_in_flight_drains() {
        use Event::{Connected, Dial, Request, Shutdown};
        let conn = run(&[Dial, Connected, Request, Request, Shutdown]);
        assert_eq!(conn, Conn::Draining { in_flight: 2 });
        assert!(!conn.accepts_requests());
        assert_eq!(conn.status_line(), "draining, 2 in flight");
    }

    #[test]
    fn draining_ignores_new_requests_and_closes_after_last_response() {
        use Event::{Connected, Dial, Request, Response, Shutdown};
        let conn = run(&[Dial, Connected, Request, Request, Shutdown, Request]);
        assert_eq!(conn, Conn::Draining { in_flight: 2 });
        let conn = conn.step(Response);
        assert_eq!(conn, Conn::Draining { in_flight: 1 });
        let conn = conn.step(Response);
        assert_eq!(conn, Conn::Closed);
        assert_eq!(conn.status_line(), "closed");
    }

    #[test]
    fn open_connection_reports_itself() {
        let conn = run(&[Event::Dial, Event::Connected, Event::Request]);
        assert!(conn.accepts_requests());
        assert_eq!(conn.status_line(), "open, 1 in flight");
        assert_eq!(
            Conn::Connecting { attempt: 2 }.status_line(),
            "connecting (attempt 2/3)"
        );
    }

    #[test]
    fn draining_counts_down_from_any_number() {
        let conn = Conn::Draining { in_flight: 3 }.step(Event::Response);
        assert_eq!(conn, Conn::Draining { in_flight: 2 });
        let conn = Conn::Draining { in_flight: 1 }.step(Event::Response);
        assert_eq!(conn, Conn::Closed);
        let conn = Conn::Draining { in_flight: 3 }.step(Event::Shutdown);
        assert_eq!(conn, Conn::Draining { in_flight: 3 });
        let conn = Conn::Draining { in_flight: 5 };
        assert_eq!(conn.status_line(), "draining, 5 in flight");
        assert!(!conn.accepts_requests());
    }
}
