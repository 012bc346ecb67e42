//! A method call on `self` borrows all of `self`, even when the method only
//! needs one field. So a method that walks one field while calling another
//! `&mut self` method is rejected, although the two touch different data.
//! Restructure so the borrow checker can see the fields apart: borrow them
//! separately, and let a helper take exactly the fields it uses.

// A build planner knows each target's own build time and dependencies, and
// memoises the critical path of every target it has planned. The obvious
// recursive version is rejected. Restructure `build_time` so it compiles,
// without copying the dependency lists, and plan each target at most once.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

struct Target {
    own_ms: u64,
    deps: Vec<String>,
}

#[derive(Default)]
pub struct Planner {
    targets: HashMap<String, Target>,
    memo: RefCell<HashMap<String, u64>>,
    evaluations: Cell<usize>,
}

impl Planner {
    /// Adds (or replaces) a target. Forgets every plan made so far.
    pub fn add(&mut self, name: &str, own_ms: u64, deps: &[&str]) {
        let deps = deps.iter().map(|d| d.to_string()).collect();
        self.targets
            .insert(name.to_string(), Target { own_ms, deps });
        self.memo.borrow_mut().clear();
    }

    /// How many targets have been planned (not answered from the memo).
    pub fn evaluations(&self) -> usize {
        self.evaluations.get()
    }

    /// The time to build `name` when independent dependencies build in
    /// parallel: its own time plus that of its slowest dependency. `None` if
    /// `name`, or anything it depends on, is unknown.
    pub fn build_time(&self, name: &str) -> Option<u64> {
        if let Some(&ms) = self.memo.borrow().get(name) {
            return Some(ms);
        }
        let target = self.targets.get(name)?;
        let mut slowest = 0;
        for dep in &target.deps {
            slowest = slowest.max(self.build_time(dep)?);
        }
        self.evaluations.set(self.evaluations.get() + 1);
        let total = target.own_ms + slowest;
        self.memo.borrow_mut().insert(name.to_string(), total);
        Some(total)
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::Planner;
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    // Counts the heap allocations made on the current thread (growing a buffer in
    // place is not counted), so a test can tell whether a function copied its data.
    struct Counting;
    thread_local! {
        static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    }
    // SAFETY: every call is forwarded unchanged to the system allocator.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
            // SAFETY: the caller upholds `alloc`'s contract, which `System` shares.
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: `ptr` came from `System.alloc`/`realloc` with this layout.
            unsafe { System.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: the caller upholds `realloc`'s contract, which `System` shares.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }
    #[global_allocator]
    static COUNTING: Counting = Counting;

    fn allocations<T>(f: impl FnOnce() -> T) -> (T, usize) {
        let before = ALLOCATIONS.with(Cell::get);
        let out = f();
        (out, ALLOCATIONS.with(Cell::get) - before)
    }

    #[test]
    fn planning_copies_no_dependency_list() {
        let mut p = Planner::default();
        let libs = ["log", "json", "http", "tls", "db", "cli"];
        for lib in libs {
            p.add(lib, 10, &[]);
        }
        p.add("app", 5, &libs);
        let (time, n) = allocations(|| p.build_time("app"));
        assert_eq!(time, Some(15));
        assert_eq!(p.evaluations(), 7);
        // One memo key per planned target, and a few for the memo's own table.
        assert!(
            n <= 7 + 4,
            "planning 7 targets made {n} allocations: a dependency list was copied"
        );
    }

    fn planner() -> Planner {
        let mut p = Planner::default();
        p.add("app", 30, &["ui", "core"]);
        p.add("ui", 50, &["core", "assets"]);
        p.add("core", 100, &[]);
        p.add("assets", 120, &[]);
        p
    }

    #[test]
    fn the_slowest_dependency_decides() {
        let mut p = planner();
        assert_eq!(p.build_time("core"), Some(100));
        assert_eq!(p.build_time("ui"), Some(170));
        assert_eq!(p.build_time("app"), Some(200));
    }

    #[test]
    fn each_target_is_planned_once() {
        let mut p = planner();
        assert_eq!(p.build_time("app"), Some(200));
        assert_eq!(p.evaluations(), 4);
        assert_eq!(p.build_time("app"), Some(200));
        assert_eq!(p.build_time("ui"), Some(170));
        assert_eq!(p.evaluations(), 4);
    }

    #[test]
    fn unknown_targets_and_dependencies_give_none_every_time() {
        let mut p = planner();
        p.add("release", 5, &["app", "docs"]);
        assert_eq!(p.build_time("nothing"), None);
        assert_eq!(p.build_time("release"), None);
        assert_eq!(p.build_time("release"), None);
        assert_eq!(p.build_time("app"), Some(200));
        p.add("docs", 400, &[]);
        assert_eq!(p.build_time("release"), Some(405));
    }

    #[test]
    fn adding_a_target_forgets_old_plans() {
        let mut p = planner();
        assert_eq!(p.build_time("app"), Some(200));
        p.add("assets", 10, &[]);
        assert_eq!(p.build_time("app"), Some(180));
    }

    #[test]
    fn deep_diamonds_are_planned_in_linear_time() {
        // level i depends on left i and right i, which both depend on level
        // i + 1: without the memo, planning level 0 would take 2^40 steps.
        let mut p = Planner::default();
        let depth = 40;
        for i in 0..depth {
            let (left, right, next) = (format!("l{i}"), format!("r{i}"), format!("n{}", i + 1));
            p.add(&format!("n{i}"), 1, &[&left, &right]);
            p.add(&left, 2, &[&next]);
            p.add(&right, 3, &[&next]);
        }
        p.add(&format!("n{depth}"), 7, &[]);
        assert_eq!(p.build_time("n0"), Some(4 * depth + 7));
        assert_eq!(p.evaluations(), 3 * depth as usize + 1);
    }
}
