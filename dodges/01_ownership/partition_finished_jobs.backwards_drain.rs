//! Moving some elements out of a `Vec` while keeping the rest is where index
//! loops go wrong: `remove(i)` shifts the tail left, so `i += 1` skips the next
//! element (and every removal is O(n)). Let std do the bookkeeping:
//! `Vec::extract_if`, `into_iter().partition(..)`, or `drain(..)` then split.

// `collect_finished` compiles but loses track of some jobs. Fix it so every
// finished job is moved out, in order, without copying any job, in one pass.

#[derive(Debug, PartialEq)]
pub struct Job {
    pub id: u32,
    pub finished: bool,
    pub output: String,
}

/// Moves every finished job out of `queue` and returns them in queue order;
/// the unfinished jobs stay in `queue`, in their order.
pub fn collect_finished(queue: &mut Vec<Job>) -> Vec<Job> {
    let mut done = Vec::new();
    for i in (0..queue.len()).rev() {
        if queue[i].finished {
            done.extend(queue.drain(i..=i));
        }
    }
    done.reverse();
    done
}

fn main() {
    // Free to experiment here.
}

#[cfg(test)]
mod tests {
    use super::{Job, collect_finished};

    fn job(id: u32, finished: bool) -> Job {
        Job {
            id,
            finished,
            output: format!("log of job {id}"),
        }
    }

    fn ids(jobs: &[Job]) -> Vec<u32> {
        jobs.iter().map(|j| j.id).collect()
    }

    #[test]
    fn separated_finished_jobs() {
        let mut queue = vec![job(1, true), job(2, false), job(3, true)];
        let done = collect_finished(&mut queue);
        assert_eq!(ids(&done), [1, 3]);
        assert_eq!(ids(&queue), [2]);
    }

    #[test]
    fn adjacent_finished_jobs() {
        let mut queue = vec![
            job(1, false),
            job(2, true),
            job(3, true),
            job(4, true),
            job(5, false),
            job(6, true),
        ];
        let done = collect_finished(&mut queue);
        assert_eq!(ids(&done), [2, 3, 4, 6]);
        assert_eq!(ids(&queue), [1, 5]);
        assert_eq!(done[1].output, "log of job 3");
    }

    #[test]
    fn all_none_or_nothing_at_all() {
        let mut queue = vec![job(1, true), job(2, true)];
        assert_eq!(ids(&collect_finished(&mut queue)), [1, 2]);
        assert!(queue.is_empty());
        let mut queue = vec![job(3, false), job(4, false)];
        assert!(collect_finished(&mut queue).is_empty());
        assert_eq!(ids(&queue), [3, 4]);
        assert!(collect_finished(&mut Vec::new()).is_empty());
    }

    #[test]
    fn jobs_are_moved_not_copied() {
        let mut queue = vec![job(1, true), job(2, false), job(3, true), job(4, true)];
        let logs: Vec<*const u8> = queue.iter().map(|j| j.output.as_ptr()).collect();
        let done = collect_finished(&mut queue);
        assert_eq!(done[0].output.as_ptr(), logs[0]);
        assert_eq!(done[1].output.as_ptr(), logs[2]);
        assert_eq!(done[2].output.as_ptr(), logs[3]);
        assert_eq!(queue[0].output.as_ptr(), logs[1]);
    }
}
