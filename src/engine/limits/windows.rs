//! The limits on Windows, set on the job object each child runs in (`process` creates it): a
//! per-process memory limit and an active-process limit, and afterwards from the job's
//! accounting which of them was reached.

use windows_sys::Win32::Foundation::HANDLE;
use windows_sys::Win32::System::JobObjects::{
    JOB_OBJECT_LIMIT_ACTIVE_PROCESS, JOB_OBJECT_LIMIT_PROCESS_MEMORY,
    JOBOBJECT_BASIC_ACCOUNTING_INFORMATION, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
    JobObjectBasicAccountingInformation, JobObjectExtendedLimitInformation,
    QueryInformationJobObject,
};

use super::spec::{LimitHit, Limits};

/// Adds the limits to a job's limit information before it is set.
pub fn apply(info: &mut JOBOBJECT_EXTENDED_LIMIT_INFORMATION, limits: &Limits) {
    info.BasicLimitInformation.LimitFlags |=
        JOB_OBJECT_LIMIT_PROCESS_MEMORY | JOB_OBJECT_LIMIT_ACTIVE_PROCESS;
    info.ProcessMemoryLimit = usize::try_from(limits.memory_bytes).unwrap_or(usize::MAX);
    // Windows counts processes here, not threads.
    info.BasicLimitInformation.ActiveProcessLimit = limits.tasks;
}

/// Which limit the job's processes reached, from its accounting.
#[allow(unsafe_code)]
pub fn hit(job: HANDLE, limits: &Limits) -> Option<LimitHit> {
    // SAFETY: both structs are plain data the calls fill; the sizes passed are theirs.
    unsafe {
        let mut extended: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = std::mem::zeroed();
        let ok = QueryInformationJobObject(
            job,
            JobObjectExtendedLimitInformation,
            (&raw mut extended).cast(),
            std::mem::size_of_val(&extended) as u32,
            std::ptr::null_mut(),
        );
        // An allocation that would pass the limit fails, so the peak stays just below it.
        let near = limits.memory_bytes - limits.memory_bytes / 16;
        if ok != 0 && extended.PeakProcessMemoryUsed as u64 >= near {
            return Some(LimitHit::Memory {
                limit_bytes: limits.memory_bytes,
            });
        }
        let mut accounting: JOBOBJECT_BASIC_ACCOUNTING_INFORMATION = std::mem::zeroed();
        let ok = QueryInformationJobObject(
            job,
            JobObjectBasicAccountingInformation,
            (&raw mut accounting).cast(),
            std::mem::size_of_val(&accounting) as u32,
            std::ptr::null_mut(),
        );
        (ok != 0 && accounting.TotalProcesses >= limits.tasks).then_some(LimitHit::Tasks {
            limit: limits.tasks,
        })
    }
}
