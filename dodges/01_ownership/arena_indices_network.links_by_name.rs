//! A struct cannot hold references into its own fields: moving the struct would
//! move what they point to. For graphs and other self-referential data, keep the
//! nodes in one `Vec` (an arena) and link them by index: indices are plain
//! numbers, so the whole graph can be moved, returned and stored freely.

// A transit planner loads stations and the routes between them. Returning the
// network is rejected, because its links borrow its own stations. Make it
// compile: the network must own its stations and stay free to move.

use std::collections::VecDeque;

pub struct Station {
    name: String,
}

pub struct Network {
    stations: Vec<Station>,
    links: Vec<(String, String)>,
}

/// Builds the network; routes naming an unknown station are ignored.
pub fn load_network(names: &[&str], routes: &[(&str, &str)]) -> Network {
    let mut net = Network {
        stations: Vec::new(),
        links: Vec::new(),
    };
    for name in names {
        net.stations.push(Station {
            name: name.to_string(),
        });
    }
    for &(a, b) in routes {
        let known = |n: &str| net.stations.iter().any(|s| s.name == n);
        if known(a) && known(b) {
            net.links.push((a.to_string(), b.to_string()));
        }
    }
    net
}

impl Network {
    fn find(&self, name: &str) -> Option<&Station> {
        self.stations.iter().find(|s| s.name == name)
    }

    fn adjacent<'s>(&'s self, station: &'s Station) -> impl Iterator<Item = &'s Station> {
        self.links.iter().filter_map(move |(a, b)| {
            let other = if *a == station.name {
                b
            } else if *b == station.name {
                a
            } else {
                return None;
            };
            self.links_station(other)
        })
    }

    fn links_station(&self, name: &str) -> Option<&Station> {
        self.find(name)
    }

    /// Names of the stations one hop from `name`, in route order.
    pub fn neighbours(&self, name: &str) -> Vec<&str> {
        let Some(station) = self.find(name) else {
            return Vec::new();
        };
        self.links
            .iter()
            .filter_map(|(a, b)| {
                if *a == station.name {
                    Some(b.as_str())
                } else if *b == station.name {
                    Some(a.as_str())
                } else {
                    None
                }
            })
            .collect()
    }

    /// The fewest hops from `from` to `to`, or `None` if there is no way.
    pub fn hops(&self, from: &str, to: &str) -> Option<usize> {
        let (start, goal) = (self.find(from)?, self.find(to)?);
        let mut seen = vec![start];
        let mut queue = VecDeque::from([(start, 0)]);
        while let Some((current, d)) = queue.pop_front() {
            if std::ptr::eq(current, goal) {
                return Some(d);
            }
            for next in self.adjacent(current) {
                if !seen.iter().any(|s| std::ptr::eq(*s, next)) {
                    seen.push(next);
                    queue.push_back((next, d + 1));
                }
            }
        }
        None
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::load_network;

    const STATIONS: [&str; 6] = [
        "Central", "Harbour", "Museum", "Airport", "Stadium", "Depot",
    ];
    const ROUTES: [(&str, &str); 5] = [
        ("Central", "Harbour"),
        ("Central", "Museum"),
        ("Museum", "Airport"),
        ("Harbour", "Stadium"),
        ("Stadium", "Nowhere"),
    ];

    #[test]
    fn neighbours_follow_routes_both_ways() {
        let net = load_network(&STATIONS, &ROUTES);
        assert_eq!(net.neighbours("Central"), ["Harbour", "Museum"]);
        assert_eq!(net.neighbours("Airport"), ["Museum"]);
        assert!(net.neighbours("Depot").is_empty());
        assert!(net.neighbours("Nowhere").is_empty());
    }

    #[test]
    fn hops_counts_the_shortest_way() {
        let net = load_network(&STATIONS, &ROUTES);
        assert_eq!(net.hops("Central", "Central"), Some(0));
        assert_eq!(net.hops("Airport", "Stadium"), Some(4));
        assert_eq!(net.hops("Central", "Depot"), None);
    }

    #[test]
    fn the_network_owns_its_stations() {
        let names: Vec<String> = (1..=4).map(|i| format!("Stop {i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let routes = [(refs[0], refs[1]), (refs[1], refs[2]), (refs[2], refs[3])];
        let net = load_network(&refs, &routes);
        drop(refs);
        drop(names);
        assert_eq!(net.hops("Stop 1", "Stop 4"), Some(3));
        let near = net.neighbours("Stop 2");
        assert_eq!(near, ["Stop 1", "Stop 3"]);
        assert_eq!(near[0].as_ptr(), net.stations[0].name.as_ptr());
    }

    #[test]
    fn the_network_can_be_moved_around() {
        let networks: Vec<_> = (0..3).map(|_| load_network(&STATIONS, &ROUTES)).collect();
        let moved = networks.into_iter().next_back();
        assert_eq!(moved.and_then(|net| net.hops("Harbour", "Museum")), Some(2));
    }
}
