//! A `static mut` is a global that any thread may write at any time, so every access
//! is `unsafe`, and edition 2024 rejects even taking a reference to one. The safe
//! tools for global state set once are `OnceLock` (filled at run time by whoever
//! gets there first) and `LazyLock` (computed on first use); both are `Sync` and
//! hand out `&'static` references.

// Make the tests pass without `unsafe`: keep the same functions, back them with
// `std::sync::OnceLock` and `std::sync::LazyLock`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

#[derive(Debug, PartialEq)]
pub struct Settings {
    pub region: String,
    pub max_connections: u32,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();
static DEFAULT_PORTS: Mutex<Option<&'static HashMap<&'static str, u16>>> = Mutex::new(None);
static PORT_TABLE_BUILDS: AtomicUsize = AtomicUsize::new(0);

/// Installs the process-wide settings; only the first call wins, later ones get
/// their settings back.
pub fn init_settings(settings: Settings) -> Result<(), Settings> {
    SETTINGS.set(settings)
}

/// The settings, once installed.
pub fn settings() -> Option<&'static Settings> {
    SETTINGS.get()
}

fn build_port_table() -> HashMap<&'static str, u16> {
    PORT_TABLE_BUILDS.fetch_add(1, Ordering::Relaxed);
    HashMap::from([
        ("http", 80),
        ("https", 443),
        ("postgres", 5432),
        ("redis", 6379),
    ])
}

/// The table of default ports, built on first use, once, and shared by every thread.
pub fn default_ports() -> &'static HashMap<&'static str, u16> {
    let mut ports = DEFAULT_PORTS.lock().unwrap();
    ports.get_or_insert_with(|| Box::leak(Box::new(build_port_table())))
}

/// The default port of a scheme.
pub fn default_port(scheme: &str) -> Option<u16> {
    default_ports().get(scheme).copied()
}

/// How many times the port table has been built.
pub fn port_table_builds() -> usize {
    PORT_TABLE_BUILDS.load(Ordering::Relaxed)
}

fn main() {
    // Free to experiment: println!("{:?}", default_port("https"));
}

#[cfg(test)]
mod tests {
    use super::{
        Settings, default_port, default_ports, init_settings, port_table_builds, settings,
    };
    use std::collections::HashMap;
    use std::sync::Barrier;
    use std::thread;

    #[test]
    fn settings_are_installed_once() {
        assert_eq!(settings(), None);
        let first = Settings {
            region: "eu-west-1".to_string(),
            max_connections: 64,
        };
        let second = Settings {
            region: "us-east-2".to_string(),
            max_connections: 8,
        };
        assert_eq!(init_settings(first), Ok(()));
        assert_eq!(
            init_settings(second).map_err(|s| s.region),
            Err("us-east-2".to_string())
        );
        assert_eq!(settings().map(|s| s.region.as_str()), Some("eu-west-1"));
    }

    #[test]
    fn port_table_is_built_once_for_all_threads() {
        let _: fn() -> &'static HashMap<&'static str, u16> = default_ports;
        let start = Barrier::new(8);
        let tables: Vec<usize> = thread::scope(|scope| {
            let threads: Vec<_> = (0..8)
                .map(|_| {
                    scope.spawn(|| {
                        start.wait();
                        assert_eq!(default_port("https"), Some(443));
                        assert_eq!(default_port("gopher"), None);
                        std::ptr::from_ref(default_ports()) as usize
                    })
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        assert!(
            tables.iter().all(|&table| table == tables[0]),
            "every thread must see the one table"
        );
        assert!(std::ptr::eq(default_ports(), default_ports()));
        assert_eq!(default_ports().len(), 4);
        assert_eq!(default_port("postgres"), Some(5432));
        assert_eq!(port_table_builds(), 1);
    }
}
