//! Locals are dropped in reverse order of declaration, at the end of their scope.
//! Declare what must outlive the rest first, and call `drop(x)` to end something
//! earlier. (`let _ = f()` drops at once; `let _x = f()` keeps it to the end.)

// A request handler takes a pooled connection and a row lock. The lock must be
// taken after the connection and released before the response is sent; the
// connection goes back to the pool last. Fix the order of events.

use std::cell::RefCell;

/// Records what happened, in order.
#[derive(Default)]
pub struct Trace {
    events: RefCell<Vec<String>>,
}

impl Trace {
    pub fn record(&self, event: &str) {
        self.events.borrow_mut().push(event.to_string());
    }

    pub fn take(&self) -> Vec<String> {
        self.events.take()
    }
}

/// Something acquired on creation and released when dropped.
pub struct Resource<'t> {
    name: &'static str,
    trace: &'t Trace,
}

impl<'t> Resource<'t> {
    pub fn acquire(name: &'static str, trace: &'t Trace) -> Self {
        trace.record(&format!("acquire {name}"));
        Resource { name, trace }
    }
}

impl Drop for Resource<'_> {
    fn drop(&mut self) {
        self.trace.record(&format!("release {}", self.name));
    }
}

pub fn handle_request(trace: &Trace) {
    let _conn = Resource::acquire("db connection", trace);
    let lock = Resource::acquire("row lock", trace);
    trace.record("update row");
    drop(lock);
    trace.record("send response");
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Trace, handle_request};

    #[test]
    fn events_happen_in_the_required_order() {
        let trace = Trace::default();
        handle_request(&trace);
        assert_eq!(
            trace.take(),
            [
                "acquire db connection",
                "acquire row lock",
                "update row",
                "release row lock",
                "send response",
                "release db connection",
            ]
        );
    }
}
