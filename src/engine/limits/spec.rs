//! What a learner process may use ([`Limits`]) and which limit it ran into ([`LimitHit`]), in
//! words for its outcome.

/// One mebibyte.
pub const MIB: u64 = 1024 * 1024;

/// Processes and threads a learner process and everything it starts may run at once: far more
/// than any exercise needs (a test binary runs a thread per core, a tokio runtime a few more),
/// far fewer than it takes to hurt the machine.
pub const DEFAULT_TASKS: u32 = 512;

/// The largest file a learner process may write.
pub const DEFAULT_FILE_SIZE_MIB: u64 = 64;

/// What one learner process may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Memory, in bytes.
    pub memory_bytes: u64,
    /// Processes and threads at once.
    pub tasks: u32,
    /// The largest file it may write, in bytes.
    pub file_size_bytes: u64,
}

impl Limits {
    /// The limits of a learner process allowed `memory_mib` of memory.
    pub fn learner(memory_mib: u64) -> Limits {
        Limits {
            memory_bytes: memory_mib.max(1) * MIB,
            // A machine with many cores runs more test threads and runtime workers.
            tasks: DEFAULT_TASKS.max(available_cores() * 16),
            file_size_bytes: DEFAULT_FILE_SIZE_MIB * MIB,
        }
    }
}

fn available_cores() -> u32 {
    std::thread::available_parallelism().map_or(2, |n| n.get() as u32)
}

/// The limit a process ran into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitHit {
    /// It used more memory than it may.
    Memory {
        /// The limit, in bytes.
        limit_bytes: u64,
    },
    /// It tried to run more processes or threads at once than it may.
    Tasks {
        /// The limit.
        limit: u32,
    },
    /// It wrote a file larger than it may.
    FileSize {
        /// The limit, in bytes.
        limit_bytes: u64,
    },
}

impl LimitHit {
    /// The outcome's words: "used more than 1 GiB of memory".
    pub fn describe(self) -> String {
        match self {
            LimitHit::Memory { limit_bytes } => {
                format!("used more than {} of memory", size(limit_bytes))
            }
            LimitHit::Tasks { limit } => format!(
                "started too many processes or threads (more than {limit} at once): a fork bomb?"
            ),
            LimitHit::FileSize { limit_bytes } => {
                format!("wrote a file larger than {}", size(limit_bytes))
            }
        }
    }
}

/// `1 GiB`, `512 MiB`.
pub fn size(bytes: u64) -> String {
    const GIB: u64 = 1024 * MIB;
    if bytes >= GIB && bytes.is_multiple_of(GIB) {
        format!("{} GiB", bytes / GIB)
    } else {
        format!("{} MiB", bytes.div_ceil(MIB))
    }
}

#[cfg(test)]
mod tests {
    use super::{LimitHit, MIB, size};

    #[test]
    fn limits_are_described_in_words() {
        assert_eq!(size(1024 * MIB), "1 GiB");
        assert_eq!(size(64 * MIB), "64 MiB");
        assert_eq!(
            LimitHit::Memory {
                limit_bytes: 1024 * MIB
            }
            .describe(),
            "used more than 1 GiB of memory"
        );
        assert!(
            LimitHit::Tasks { limit: 512 }
                .describe()
                .starts_with("started too many processes")
        );
    }
}
