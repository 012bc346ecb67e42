//! `&self` is a shared borrow, so fields cannot be assigned through it. When a
//! value is reached only through shared references but must still count
//! something, `Cell<T>` gives interior mutability for `Copy` data: `get` and
//! `set`, no references handed out, no run-time borrow tracking.

// The same page is mounted at two paths, so the router holds two shared
// references to it. Make the hit counter work through `&self`.

use std::cell::Cell;
use std::collections::HashMap;

pub trait Handler {
    fn handle(&self, path: &str) -> String;
}

pub struct StaticPage {
    body: String,
    hits: Cell<u32>,
}

impl StaticPage {
    pub fn new(body: &str) -> Self {
        StaticPage {
            body: body.to_string(),
            hits: Cell::new(0),
        }
    }

    pub fn hits(&self) -> u32 {
        self.hits.get()
    }
}

impl Handler for StaticPage {
    fn handle(&self, path: &str) -> String {
        self.hits.set(self.hits.get() + 1);
        format!("200 {path}\n\n{}", self.body)
    }
}

#[derive(Default)]
pub struct Router<'a> {
    routes: HashMap<String, &'a dyn Handler>,
}

impl<'a> Router<'a> {
    pub fn mount(&mut self, path: &str, handler: &'a dyn Handler) {
        self.routes.insert(path.to_string(), handler);
    }

    pub fn dispatch(&self, path: &str) -> Option<String> {
        self.routes.get(path).map(|handler| handler.handle(path))
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Router, StaticPage};
    use std::marker::PhantomData;

    // Tells at run time whether `T` is `Sync`: the first `shared_across_threads`
    // applies only when `T: Sync`.
    struct Probe<T>(PhantomData<T>);
    #[allow(dead_code)] // used only when `T: Sync`
    trait IsSync {
        fn shared_across_threads(&self) -> bool {
            true
        }
    }
    impl<T: Sync> IsSync for Probe<T> {}
    #[allow(dead_code)] // used only when the first impl does not apply
    trait NotSync {
        fn shared_across_threads(&self) -> bool {
            false
        }
    }
    impl<T> NotSync for &Probe<T> {}

    #[test]
    fn the_counter_pays_for_no_synchronisation() {
        let probe = &Probe::<StaticPage>(PhantomData);
        assert!(
            !probe.shared_across_threads(),
            "the page is shared only within one thread: its counter needs no lock or atomic"
        );
    }

    #[test]
    fn dispatch_serves_the_page() {
        let home = StaticPage::new("welcome");
        let mut router = Router::default();
        router.mount("/", &home);
        assert_eq!(router.dispatch("/"), Some("200 /\n\nwelcome".to_string()));
        assert_eq!(router.dispatch("/nope"), None);
    }

    #[test]
    fn hits_are_counted_across_aliases() {
        let about = StaticPage::new("about us");
        let mut router = Router::default();
        router.mount("/about", &about);
        router.mount("/about-us", &about);
        router.dispatch("/about");
        router.dispatch("/about-us");
        router.dispatch("/about");
        router.dispatch("/contact");
        assert_eq!(about.hits(), 3);
    }

    #[test]
    fn each_page_counts_its_own_hits() {
        let home = StaticPage::new("welcome");
        let faq = StaticPage::new("questions");
        let mut router = Router::default();
        router.mount("/", &home);
        router.mount("/faq", &faq);
        router.mount("/help", &faq);
        for path in ["/", "/faq", "/help", "/faq", "/missing"] {
            router.dispatch(path);
        }
        assert_eq!(home.hits(), 1);
        assert_eq!(faq.hits(), 3);
        assert_eq!(StaticPage::new("fresh").hits(), 0);
    }
}
