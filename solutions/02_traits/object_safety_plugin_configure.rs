//! A trait can be used as `dyn Trait` only if every method can be called through
//! a vtable. A generic method (one copy per type argument) or a constructor
//! returning `Self` (unknown size) cannot. Such a method can be left out of the
//! vtable, so that the trait stays dyn compatible while concrete types keep the
//! convenient method.

// The plugin registry stores `Box<dyn Plugin>`, and the trait no longer qualifies.
// Keep both conveniences in `Plugin`, `configure` generic (callers pass numbers,
// bools, strings) and `with_defaults` returning `Self`, and make the registry compile.

use std::collections::BTreeMap;
use std::fmt::Display;

trait Plugin {
    fn name(&self) -> &str;

    /// Dyn-compatible core: stores one setting as text.
    fn set(&mut self, key: &str, value: String);

    fn settings(&self) -> &BTreeMap<String, String>;

    /// Convenience for concrete types: any displayable value.
    fn configure<V: Display>(&mut self, key: &str, value: V)
    where
        Self: Sized,
    {
        self.set(key, value.to_string());
    }

    /// A plugin with its recommended settings.
    fn with_defaults() -> Self
    where
        Self: Sized;
}

struct Gzip {
    settings: BTreeMap<String, String>,
}

impl Plugin for Gzip {
    fn name(&self) -> &str {
        "gzip"
    }
    fn set(&mut self, key: &str, value: String) {
        self.settings.insert(key.to_string(), value);
    }
    fn settings(&self) -> &BTreeMap<String, String> {
        &self.settings
    }
    fn with_defaults() -> Self {
        let mut gz = Gzip {
            settings: BTreeMap::new(),
        };
        gz.configure("level", 6);
        gz
    }
}

#[derive(Default)]
struct Registry {
    plugins: Vec<Box<dyn Plugin>>,
}

impl Registry {
    fn register(&mut self, plugin: Box<dyn Plugin>) {
        self.plugins.push(plugin);
    }

    /// Applies one setting to every plugin, e.g. from a global config section.
    fn set_everywhere(&mut self, key: &str, value: &str) {
        for p in &mut self.plugins {
            p.set(key, value.to_string());
        }
    }

    fn dump(&self) -> Vec<String> {
        self.plugins
            .iter()
            .flat_map(|p| {
                p.settings()
                    .iter()
                    .map(move |(k, v)| format!("{}.{k}={v}", p.name()))
            })
            .collect()
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Gzip, Plugin, Registry};
    use std::collections::BTreeMap;

    /// A plugin written elsewhere, against the same trait.
    struct Noop {
        settings: BTreeMap<String, String>,
    }

    impl Plugin for Noop {
        fn name(&self) -> &str {
            "noop"
        }
        fn set(&mut self, key: &str, value: String) {
            self.settings.insert(key.to_string(), value);
        }
        fn settings(&self) -> &BTreeMap<String, String> {
            &self.settings
        }
        fn with_defaults() -> Self {
            Noop {
                settings: BTreeMap::new(),
            }
        }
    }

    /// Generic code sees only the trait: both conveniences must be part of it.
    fn fresh_and_configured<P: Plugin>() -> P {
        let mut plugin = P::with_defaults();
        plugin.configure("retries", 3);
        plugin
    }

    #[test]
    fn concrete_plugins_take_any_displayable_value() {
        let mut gz = Gzip::with_defaults();
        gz.configure("level", 9);
        gz.configure("enabled", true);
        let got: Vec<(&str, &str)> = gz
            .settings()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(got, [("enabled", "true"), ("level", "9")]);
    }

    #[test]
    fn registry_holds_trait_objects() {
        let mut registry = Registry::default();
        registry.register(Box::new(Gzip::with_defaults()));
        registry.set_everywhere("timeout_ms", "250");
        assert_eq!(registry.dump(), ["gzip.level=6", "gzip.timeout_ms=250"]);
    }

    #[test]
    fn every_plugin_gets_the_conveniences_and_fits_the_registry() {
        let noop: Noop = fresh_and_configured();
        let gz: Gzip = fresh_and_configured();
        let _: fn(&mut Registry, Box<dyn Plugin>) = Registry::register;
        let mut registry = Registry::default();
        registry.register(Box::new(noop));
        registry.register(Box::new(gz));
        assert_eq!(
            registry.dump(),
            ["noop.retries=3", "gzip.level=6", "gzip.retries=3"]
        );
    }
}
