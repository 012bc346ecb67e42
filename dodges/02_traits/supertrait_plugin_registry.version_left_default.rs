//! `trait Plugin: Named` makes `Named` a supertrait: a type can only be a
//! `Plugin` if it is also `Named`, and in return every `Plugin` (even a
//! `dyn Plugin`) can call `Named`'s methods and be upcast to `&dyn Named`.

// The registry indexes plugins by name. `Redact` was written against an older
// version of the trait and no longer compiles: give it what `Plugin` now requires.
// Its name is "redact", version 2.

trait Named {
    fn name(&self) -> &str;
    fn version(&self) -> u32 {
        1
    }
}

trait Plugin: Named {
    fn handle(&self, input: &str) -> String;

    /// Output prefixed with the plugin's name: "[redact] ...".
    fn run_logged(&self, input: &str) -> String {
        format!("[{}] {}", self.name(), self.handle(input))
    }
}

struct Uppercase;

struct Redact {
    word: String,
}

impl Named for Uppercase {
    fn name(&self) -> &str {
        "uppercase"
    }
}

impl Plugin for Uppercase {
    fn handle(&self, input: &str) -> String {
        input.to_uppercase()
    }
}

impl Named for Redact {
    fn name(&self) -> &str {
        "redact"
    }
}

impl Plugin for Redact {
    fn handle(&self, input: &str) -> String {
        input.replace(&self.word, "***")
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

    fn run(&self, name: &str, input: &str) -> Option<String> {
        let plugin = self.plugins.iter().find(|p| p.name() == name)?;
        Some(plugin.run_logged(input))
    }

    /// Every plugin seen only as `Named` (trait upcasting, stable since 1.86).
    fn catalog(&self) -> Vec<&dyn Named> {
        self.plugins
            .iter()
            .map(|p| -> &dyn Named { p.as_ref() })
            .collect()
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Named, Plugin, Redact, Registry, Uppercase};

    /// A plugin written elsewhere, against the same two traits.
    struct Echo;

    impl Named for Echo {
        fn name(&self) -> &str {
            "echo"
        }
    }

    impl Plugin for Echo {
        fn handle(&self, input: &str) -> String {
            input.to_string()
        }
    }

    fn describe<N: Named + ?Sized>(named: &N) -> String {
        format!("{} v{}", named.name(), named.version())
    }

    fn registry() -> Registry {
        let mut r = Registry::default();
        r.register(Box::new(Uppercase));
        r.register(Box::new(Redact {
            word: "hunter2".to_string(),
        }));
        r
    }

    #[test]
    fn plugins_run_by_name() {
        let r = registry();
        assert_eq!(r.run("uppercase", "hi"), Some("[uppercase] HI".to_string()));
        assert_eq!(
            r.run("redact", "password=hunter2"),
            Some("[redact] password=***".to_string())
        );
        assert_eq!(r.run("gzip", "x"), None);
    }

    #[test]
    fn catalog_lists_names_and_versions() {
        let r = registry();
        let listed: Vec<(&str, u32)> = r
            .catalog()
            .iter()
            .map(|n| (n.name(), n.version()))
            .collect();
        assert_eq!(listed, [("uppercase", 1), ("redact", 2)]);
    }

    #[test]
    fn redact_is_named() {
        let plugin = Redact {
            word: "x".to_string(),
        };
        assert_eq!((plugin.name(), plugin.version()), ("redact", 2));
    }

    #[test]
    fn every_plugin_is_named_through_the_supertrait() {
        let mut r = registry();
        r.register(Box::new(Echo));
        let catalog: Vec<&dyn Named> = r.catalog();
        let described: Vec<String> = catalog.into_iter().map(describe).collect();
        assert_eq!(described, ["uppercase v1", "redact v2", "echo v1"]);
        assert_eq!(r.run("echo", "hi"), Some("[echo] hi".to_string()));
        let redact = Redact {
            word: "secret".to_string(),
        };
        assert_eq!(describe(&redact), "redact v2");
        assert_eq!(redact.run_logged("a secret"), "[redact] a ***");
    }
}
