//! `Send` and `Sync` are auto traits: a struct gets them only if all its fields
//! have them. `PhantomData<X>` is a zero-sized field that makes the struct act
//! as if it contained an `X`, for auto traits, variance and drop checking alike.
//! So the `X` you pick decides whether your type may cross threads.

// Registry handles are typed (`Handle<Gzip>` can't be mixed up with a
// `Handle<Brotli>`) but hold nothing except an index. Yet a handle cannot be moved
// to a worker thread. Fix the marker so every handle is `Send`, whatever plugin
// type it names, without `unsafe`.

use std::marker::PhantomData;
use std::sync::Arc;
use std::thread;

trait Plugin {
    const KIND: &'static str;
}

/// A typed index into the registry. `fn() -> T`: the handle *produces* a `T` at
/// most, it never owns one, so it is `Send + Sync` regardless of `T`.
struct Handle<T> {
    index: usize,
    _plugin: PhantomData<fn() -> T>,
}

#[derive(Default)]
struct Registry {
    names: Vec<String>,
}

impl Registry {
    fn add<T: Plugin>(&mut self, name: &str) -> Handle<T> {
        self.names.push(format!("{}:{name}", T::KIND));
        Handle {
            index: self.names.len() - 1,
            _plugin: PhantomData,
        }
    }

    fn name_of<T>(&self, handle: &Handle<T>) -> &str {
        &self.names[handle.index]
    }
}

/// Resolves a handle on a worker thread (the real code does slow I/O there).
fn describe_in_background<T: 'static>(
    registry: Arc<Registry>,
    handle: Handle<T>,
) -> thread::JoinHandle<String> {
    thread::spawn(move || registry.name_of(&handle).to_uppercase())
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Handle, Plugin, Registry, describe_in_background};
    use std::marker::PhantomData;
    use std::rc::Rc;
    use std::sync::Arc;

    struct Gzip;
    impl Plugin for Gzip {
        const KIND: &'static str = "gzip";
    }

    /// A plugin that is itself tied to one thread (it holds an `Rc`).
    struct LocalCache {
        _entries: Rc<Vec<u8>>,
    }
    impl Plugin for LocalCache {
        const KIND: &'static str = "cache";
    }

    fn assert_send_sync<X: Send + Sync>() {}

    #[test]
    fn handles_cross_threads_whatever_they_name() {
        let mut registry = Registry::default();
        let gz: Handle<Gzip> = registry.add("fast");
        let cache: Handle<LocalCache> = registry.add("thumbnails");
        let registry = Arc::new(registry);
        let a = describe_in_background(Arc::clone(&registry), gz);
        let b = describe_in_background(Arc::clone(&registry), cache);
        assert_eq!(a.join().unwrap(), "GZIP:FAST");
        assert_eq!(b.join().unwrap(), "CACHE:THUMBNAILS");
        assert_send_sync::<Handle<LocalCache>>();
    }

    #[test]
    fn the_marker_costs_nothing() {
        assert_eq!(
            std::mem::size_of::<Handle<Gzip>>(),
            std::mem::size_of::<usize>()
        );
    }

    /// Compiles only if `Handle<T>` is covariant in `T`, as a handle that merely names
    /// a type should be: a handle for a longer-lived type may stand in for a shorter one.
    fn shorten<'a>(handle: Handle<&'static str>) -> Handle<&'a str> {
        handle
    }

    #[test]
    fn a_handle_only_names_its_type() {
        let long: Handle<&'static str> = Handle {
            index: 7,
            _plugin: PhantomData,
        };
        assert_eq!(shorten(long).index, 7);
    }
}
