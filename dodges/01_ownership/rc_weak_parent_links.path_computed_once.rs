//! `Rc<T>` gives shared ownership: the value lives while any `Rc` points to it
//! (`Rc::strong_count`). Two values that own each other form a cycle that is
//! never freed. In a tree, parents own children; children point back with
//! `Weak<T>`, which does not keep the parent alive and must be `upgrade`d.

// An in-memory file system keeps each directory's parent so that it can print
// full paths. Dropping the root never frees anything. Make the tree free
// itself, and keep every directory's way back to its parent.

use std::cell::RefCell;
use std::rc::Rc;

pub struct Dir {
    path: String,
    children: RefCell<Vec<Rc<Dir>>>,
}

impl Dir {
    pub fn root() -> Rc<Dir> {
        Rc::new(Dir {
            path: "/".to_string(),
            children: RefCell::new(Vec::new()),
        })
    }

    /// Creates `name` inside `parent` and returns it.
    pub fn mkdir(parent: &Rc<Dir>, name: &str) -> Rc<Dir> {
        let path = if parent.path == "/" {
            format!("/{name}")
        } else {
            format!("{}/{name}", parent.path)
        };
        let child = Rc::new(Dir {
            path,
            children: RefCell::new(Vec::new()),
        });
        parent.children.borrow_mut().push(Rc::clone(&child));
        child
    }

    /// The absolute path, e.g. `/home/ada`; the root is `/`.
    pub fn path(&self) -> String {
        self.path.clone()
    }

    /// The directory this one was made in, while it still exists.
    pub fn parent(&self) -> Option<Rc<Dir>> {
        None
    }

    pub fn child_count(&self) -> usize {
        self.children.borrow().len()
    }
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::Dir;
    use std::rc::Rc;

    #[test]
    fn paths_walk_up_to_the_root() {
        let root = Dir::root();
        let home = Dir::mkdir(&root, "home");
        let ada = Dir::mkdir(&home, "ada");
        assert_eq!(root.path(), "/");
        assert_eq!(home.path(), "/home");
        assert_eq!(ada.path(), "/home/ada");
        assert_eq!(home.child_count(), 1);
    }

    #[test]
    fn children_do_not_own_their_parent() {
        let root = Dir::root();
        let home = Dir::mkdir(&root, "home");
        Dir::mkdir(&home, "ada");
        Dir::mkdir(&home, "grace");
        assert_eq!(Rc::strong_count(&root), 1);
        assert_eq!(Rc::strong_count(&home), 2); // `home` here, and root's child list
    }

    #[test]
    fn dropping_the_root_frees_the_whole_tree() {
        let root = Dir::root();
        let home = Dir::mkdir(&root, "home");
        let ada = Rc::downgrade(&Dir::mkdir(&home, "ada"));
        let root_alive = Rc::downgrade(&root);
        let home_alive = Rc::downgrade(&home);
        drop(home);
        drop(root);
        assert!(root_alive.upgrade().is_none(), "the root leaked");
        assert!(home_alive.upgrade().is_none(), "/home leaked");
        assert!(ada.upgrade().is_none(), "/home/ada leaked");
    }

    #[test]
    fn a_parent_is_reachable_while_it_exists() {
        let root = Dir::root();
        let home = Dir::mkdir(&root, "home");
        let ada = Dir::mkdir(&home, "ada");
        assert!(root.parent().is_none());
        assert!(ada.parent().is_some_and(|p| Rc::ptr_eq(&p, &home)));
        drop(home);
        let parent = ada.parent().map(|p| p.path());
        assert_eq!(
            parent.as_deref(),
            Some("/home"),
            "the root still holds /home"
        );
        drop(root);
        assert!(
            ada.parent().is_none(),
            "/home was deleted with the root; /home/ada must not keep it alive"
        );
    }
}
