//! A closure is `Fn` if it only reads what it captured, `FnMut` if it changes
//! it, and `FnOnce` if it moves a captured value out — it can then run only
//! once, because the value is gone after the first call. To store a closure
//! and call it again and again, it must not give its captures away.

// Make `heartbeat` build a probe that can be called any number of times,
// without copying the service name on each call.

/// A status probe: each call produces one report line.
pub type Probe = Box<dyn FnMut() -> String>;

/// A probe for `service` that numbers its reports: "db up #1", "db up #2", ...
pub fn heartbeat(service: String) -> Probe {
    let mut count = 0;
    let probe = move || {
        count += 1;
        let mut line = service.clone();
        line.push_str(&format!(" up #{count}"));
        line
    };
    Box::new(probe)
}

/// Polls every probe `rounds` times, round by round.
pub fn poll(probes: &mut [Probe], rounds: u32) -> Vec<String> {
    let mut report = Vec::new();
    for _ in 0..rounds {
        for probe in probes.iter_mut() {
            report.push(probe());
        }
    }
    report
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::{Probe, heartbeat, poll};

    #[test]
    fn each_probe_counts_its_own_reports() {
        let mut probes = vec![
            heartbeat(String::from("db")),
            heartbeat(String::from("cache")),
        ];
        assert_eq!(
            poll(&mut probes, 2),
            ["db up #1", "cache up #1", "db up #2", "cache up #2"]
        );
        assert_eq!(poll(&mut probes, 1), ["db up #3", "cache up #3"]);
    }

    #[test]
    fn probes_of_any_closure_can_be_stored_together() {
        let mut checks = 0;
        let mut probes: Vec<Probe> = vec![
            heartbeat(String::from("queue")),
            Box::new(move || {
                checks += 10;
                format!("disk {checks}% full")
            }),
        ];
        assert_eq!(
            poll(&mut probes, 2),
            [
                "queue up #1",
                "disk 10% full",
                "queue up #2",
                "disk 20% full"
            ]
        );
    }
}
