//! Auto traits follow the fields: a raw pointer is neither `Send` nor `Sync`, so a wrapper
//! around a C handle is stuck on the thread that made it. `unsafe impl Send` is your promise
//! that moving the wrapper to another thread is sound, typically because it owns the handle
//! exclusively and the library has no thread affinity. Promise no more than you checked:
//! `Send` (may move between threads) is not `Sync` (may be used from two threads at once).
#![warn(clippy::undocumented_unsafe_blocks)]

// Let `spawn_poller` move a `Device` into a worker thread: add exactly the promise that is
// true, with a `// SAFETY:` comment stating the invariant it relies on. The `driver` module
// stands in for a C library; leave it as it is.

use std::thread::{self, JoinHandle};

mod driver {
    use std::sync::Mutex;

    /// Ids of closed devices, so tests can check that every device is closed.
    static CLOSED: Mutex<Vec<u32>> = Mutex::new(Vec::new());

    /// The library's opaque device state. Not thread-safe: `dev_poll` updates it without
    /// locking. Any thread may use a device, but only one at a time.
    pub struct RawDevice {
        id: u32,
        polls: u64,
    }

    pub fn dev_open(id: u32) -> *mut RawDevice {
        Box::into_raw(Box::new(RawDevice { id, polls: 0 }))
    }

    /// # Safety
    /// `dev` comes from `dev_open`, is not closed, and no other thread uses it during the call.
    pub unsafe fn dev_poll(dev: *mut RawDevice) -> u64 {
        // SAFETY: the caller guarantees `dev` is live and not used concurrently.
        let dev = unsafe { &mut *dev };
        dev.polls += 1;
        dev.polls
    }

    /// # Safety
    /// As for `dev_poll`.
    pub unsafe fn dev_id(dev: *const RawDevice) -> u32 {
        // SAFETY: the caller guarantees `dev` is live and not written concurrently.
        unsafe { (*dev).id }
    }

    /// # Safety
    /// `dev` comes from `dev_open` and is closed exactly once; it is dangling afterwards.
    pub unsafe fn dev_close(dev: *mut RawDevice) {
        // SAFETY: the caller guarantees `dev` came from `Box::into_raw` in `dev_open` and is
        // closed only once.
        let dev = unsafe { Box::from_raw(dev) };
        CLOSED
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(dev.id);
    }

    pub fn was_closed(id: u32) -> bool {
        CLOSED
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&id)
    }
}

pub use driver::was_closed;

/// An open device. Owns its handle exclusively: it is not `Clone`, the pointer never leaves
/// it, and `Drop` closes it.
pub struct Device {
    raw: *mut driver::RawDevice,
}

// SAFETY: `Device` is the only owner of its `RawDevice` (no copies of `raw` exist), and the
// driver allows a device to be used from any thread as long as it is one thread at a time.
// Moving `Device` moves that sole ownership along, so only the receiving thread can use it.
// Deliberately no `Sync`: `poll(&self)` mutates the device without locking.
unsafe impl Send for Device {}

// SAFETY: see above.
unsafe impl Sync for Device {}

impl Device {
    pub fn open(id: u32) -> Device {
        Device {
            raw: driver::dev_open(id),
        }
    }

    pub fn id(&self) -> u32 {
        // SAFETY: `raw` is live until `drop`, and `Device` is not `Sync`, so no other thread
        // can be inside a `&self` method at the same time.
        unsafe { driver::dev_id(self.raw) }
    }

    /// Polls the device; returns how many polls it has answered so far.
    pub fn poll(&self) -> u64 {
        // SAFETY: as in `id`: live handle, and `!Sync` keeps all `&self` calls on one thread.
        unsafe { driver::dev_poll(self.raw) }
    }
}

impl Drop for Device {
    fn drop(&mut self) {
        // SAFETY: `raw` came from `dev_open` and `drop` runs once, so it is closed once.
        unsafe { driver::dev_close(self.raw) }
    }
}

/// Moves `device` to a worker thread that polls it `rounds` times, then hands the device
/// back together with the last poll count.
pub fn spawn_poller(device: Device, rounds: u32) -> JoinHandle<(Device, u64)> {
    thread::spawn(move || {
        let mut last = 0;
        for _ in 0..rounds {
            last = device.poll();
        }
        (device, last)
    })
}

fn main() {}

#[cfg(test)]
mod tests {
    use super::{Device, spawn_poller, was_closed};
    use std::marker::PhantomData;
    use std::thread;

    // Tells whether a type is `Sync`: the inherent method only applies when the bound holds,
    // otherwise method lookup falls back to the trait's default.
    struct Probe<T>(PhantomData<T>);
    trait NotSync {
        fn is_sync(&self) -> bool {
            false
        }
    }
    impl<T> NotSync for Probe<T> {}
    impl<T: Sync> Probe<T> {
        fn is_sync(&self) -> bool {
            true
        }
    }

    fn assert_send<T: Send>() {}

    #[test]
    fn device_is_send_but_not_sync() {
        assert_send::<Device>();
        assert!(
            Probe::<u64>(PhantomData).is_sync(),
            "the probe itself works"
        );
        assert!(
            !Probe::<Device>(PhantomData).is_sync(),
            "Device must not be Sync: poll(&self) mutates the device without a lock"
        );
    }

    #[test]
    fn a_worker_thread_polls_and_hands_the_device_back() {
        let device = Device::open(101);
        device.poll();
        let (device, last) = spawn_poller(device, 5).join().expect("poller thread");
        assert_eq!(last, 6, "the worker continued the same device's count");
        assert_eq!(device.poll(), 7);
        assert_eq!(device.id(), 101);
    }

    #[test]
    fn devices_move_between_several_threads_and_close_once() {
        let mut device = Device::open(202);
        for round in 1..=3u64 {
            let (back, last) = spawn_poller(device, 2).join().expect("poller thread");
            assert_eq!(last, 2 * round);
            device = back;
        }
        assert!(!was_closed(202));
        let worker = thread::spawn(move || drop(device));
        worker.join().expect("closing thread");
        assert!(
            was_closed(202),
            "dropping the Device on another thread closes it"
        );
    }

    #[test]
    fn zero_rounds_returns_the_device_untouched() {
        let (device, last) = spawn_poller(Device::open(303), 0)
            .join()
            .expect("poller thread");
        assert_eq!(last, 0);
        assert_eq!(device.poll(), 1);
    }
}
