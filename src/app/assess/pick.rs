//! Choosing an assessment's exercises: reproducibly from a seed, in a mix that mirrors a real
//! interview round.

use crate::model::kit::{Exercise, Kit};

/// A small, fast, seedable generator (splitmix64): the same seed picks the same set on every
/// platform and tool build, which a crate's generator does not promise across versions.
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// How many exercises each track contributes to the default mix: two or three on ownership,
/// one or two on traits, one on errors or concurrency, one challenge.
const INTERVIEW_MIX: &[(&[&str], usize, usize)] = &[
    (&["ownership"], 2, 3),
    (&["traits"], 1, 2),
    (&["errors", "concurrency"], 1, 1),
    (&["challenges"], 1, 1),
];

/// Predict items in each round, answered once and scored on that answer.
pub const PREDICT_PER_ROUND: usize = 2;

/// Picks `count` exercises to fix (default: the interview mix, 5–7), from `track` alone if
/// given, one of them from the held-back bank (`assessment_only`) where the bank has one, so a
/// learner who finished practice still meets something new; then [`PREDICT_PER_ROUND`]
/// predict items of the tracks picked. Returns names in kit order.
pub fn pick(kit: &Kit, track: Option<&str>, count: Option<usize>, seed: u64) -> Vec<String> {
    let mut rng = SplitMix64::new(seed);
    let candidates = |tracks: &[&str], bank_only: bool| -> Vec<&Exercise> {
        kit.exercises
            .iter()
            .filter(|e| e.predict().is_none() && e.opened_by.is_none())
            .filter(|e| !bank_only || e.assessment_only)
            .filter(|e| tracks.is_empty() || tracks.contains(&e.track()))
            .collect()
    };
    let mix_tracks: Vec<&str> = match track {
        Some(track) => vec![track],
        None => INTERVIEW_MIX
            .iter()
            .flat_map(|(t, _, _)| t.iter().copied())
            .collect(),
    };
    let mut chosen: Vec<&Exercise> = Vec::new();
    take(candidates(&mix_tracks, true), 1, &mut chosen, &mut rng);
    match track {
        Some(track) => {
            let n = count.unwrap_or(5).saturating_sub(chosen.len());
            take(candidates(&[track], false), n, &mut chosen, &mut rng);
        }
        None => {
            for (tracks, low, high) in INTERVIEW_MIX {
                let n = low + rng.below(high - low + 1);
                let already = chosen
                    .iter()
                    .filter(|c| tracks.contains(&c.track()))
                    .count();
                let n = n.saturating_sub(already);
                take(candidates(tracks, false), n, &mut chosen, &mut rng);
            }
            if let Some(count) = count {
                if chosen.len() > count {
                    chosen.truncate(count);
                } else {
                    let n = count - chosen.len();
                    take(candidates(&[], false), n, &mut chosen, &mut rng);
                }
            } else if chosen.is_empty() {
                // A kit without these tracks (a custom kit): five from anywhere.
                take(candidates(&[], false), 5, &mut chosen, &mut rng);
            }
        }
    }
    let picked_tracks: Vec<&str> = chosen.iter().map(|e| e.track()).collect();
    let items: Vec<&Exercise> = kit
        .exercises
        .iter()
        .filter(|e| e.predict().is_some() && picked_tracks.contains(&e.track()))
        .collect();
    take(items, PREDICT_PER_ROUND, &mut chosen, &mut rng);
    chosen.sort_by_key(|e| e.index);
    chosen.into_iter().map(|e| e.name.clone()).collect()
}

/// Moves up to `n` random exercises of `pool` not yet chosen into `chosen`.
fn take<'k>(
    pool: Vec<&'k Exercise>,
    n: usize,
    chosen: &mut Vec<&'k Exercise>,
    rng: &mut SplitMix64,
) {
    let mut pool: Vec<&Exercise> = pool
        .into_iter()
        .filter(|e| !chosen.iter().any(|c| c.name == e.name))
        .collect();
    for _ in 0..n.min(pool.len()) {
        chosen.push(pool.swap_remove(rng.below(pool.len())));
    }
}

#[cfg(test)]
mod tests {
    use super::{SplitMix64, pick};
    use crate::model::info::KitInfo;
    use crate::model::kit::Kit;

    fn kit() -> Kit {
        let mut text = String::from("format_version = 1\npredict_salt = \"s\"\n");
        for (dir, n) in [
            ("01_ownership", 8),
            ("02_traits", 5),
            ("03_errors", 4),
            ("04_concurrency", 4),
            ("06_challenges", 4),
        ] {
            for i in 0..n {
                text.push_str(&format!(
                    "[[exercises]]\nname = \"{dir}_{i}\"\ndir = \"{dir}\"\nhint = \"h\"\n"
                ));
            }
        }
        text.push_str(
            "[[exercises]]\nname = \"bank_x\"\ndir = \"02_traits\"\nhint = \"h\"\nassessment_only = true\n",
        );
        for (name, dir) in [("predict_a", "01_ownership"), ("predict_b", "02_traits")] {
            text.push_str(&format!(
                "[[exercises]]\nname = \"{name}\"\ndir = \"{dir}\"\nhint = \"h\"\nkind = \"predict\"\n\
                 [exercises.predict]\ntype = \"choice\"\nquestion = \"q\"\nanswer_hash = \"x\"\nsealed = \"x\"\n\
                 choices = [{{ text = \"a\" }}, {{ text = \"b\" }}]\n"
            ));
        }
        Kit::from_info(
            ".".into(),
            KitInfo::parse(&text, std::path::Path::new("info.toml")).unwrap(),
        )
    }

    #[test]
    fn the_same_seed_picks_the_same_interview_mix() {
        let kit = kit();
        let first = pick(&kit, None, None, 42);
        assert_eq!(first, pick(&kit, None, None, 42));
        let track = |name: &str| kit.find(name).unwrap().track().to_owned();
        let code: Vec<&String> = first
            .iter()
            .filter(|n| !n.starts_with("predict_"))
            .collect();
        let count = |t: &str| code.iter().filter(|n| track(n) == t).count();
        assert!((2..=3).contains(&count("ownership")), "{first:?}");
        assert!((1..=2).contains(&count("traits")), "{first:?}");
        assert_eq!(count("errors") + count("concurrency"), 1, "{first:?}");
        assert_eq!(count("challenges"), 1, "{first:?}");
        assert!(
            first.contains(&"bank_x".to_owned()),
            "a round draws on the held-back bank: {first:?}"
        );
        let items = first.iter().filter(|n| n.starts_with("predict_")).count();
        assert_eq!(items, 2, "a round has predict items: {first:?}");
        let seeds: std::collections::HashSet<Vec<String>> =
            (0..20).map(|s| pick(&kit, None, None, s)).collect();
        assert!(seeds.len() > 1, "different seeds pick differently");
    }

    #[test]
    fn a_track_and_a_count_narrow_the_pick() {
        let kit = kit();
        let picked = pick(&kit, Some("traits"), Some(3), 1);
        assert_eq!(
            picked.len(),
            4,
            "three to fix and the track's predict item: {picked:?}"
        );
        assert!(picked.contains(&"bank_x".to_owned()) && picked.contains(&"predict_b".to_owned()));
        assert!(
            picked
                .iter()
                .all(|n| kit.find(n).unwrap().track() == "traits")
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_numbers() {
        let a: Vec<u64> = (0..3)
            .map({
                let mut r = SplitMix64::new(7);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..3)
            .map({
                let mut r = SplitMix64::new(7);
                move |_| r.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        assert_ne!(SplitMix64::new(7).next_u64(), SplitMix64::new(8).next_u64());
    }
}
