//! Watch mode without a terminal: the state's `update` driven by events (keys, saves, finished
//! and superseded checks, check-all, an assessment's rules), and the view's frames as text.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::watch::events::{Effect, Event, Job, Mode, Running, WatchEnd};
use crate::app::watch::screen;
use crate::app::watch::state::State;
use crate::app::watch::view::view;
use crate::engine::judge::{Judgement, Verdict};
use crate::model::events::Event as Logged;
use crate::model::info::KitInfo;
use crate::model::kit::Kit;
use crate::model::outcome::{Diagnostic, Level, Outcome};
use crate::model::progress::Progress;
use crate::model::status::Status;
use crate::outputs::style::{Styles, strip_ansi};
use crate::session::rules::{Rules, Timed};

const INFO: &str = r#"format_version = 1
kit_name = "fixture"
welcome_message = "Welcome to the fixture kit."
final_message = "All done."

[[exercises]]
name = "compile_fail"
dir = "01_basics"
hints = ["Borrow the name instead of moving it.", "Use &str."]
explanation = "A String moves on assignment."

[[exercises]]
name = "test_fail"
dir = "01_basics"
level = 2
hints = ["Double it."]

[[exercises]]
name = "panics"
dir = "02_errors"
hints = ["Return None instead of panicking."]
"#;

fn kit() -> Kit {
    let info = KitInfo::parse(INFO, std::path::Path::new("info.toml")).unwrap();
    Kit::from_info(PathBuf::from("/kit"), info)
}

const START: SystemTime = UNIX_EPOCH;

fn state(kit: &Kit, rules: Rules) -> (State<'_>, Vec<Effect>) {
    let hashes = vec![Some("a0".into()), Some("b0".into()), Some("c0".into())];
    let progress = Progress {
        current: Some("compile_fail".into()),
        ..Progress::default()
    };
    State::new(
        kit,
        progress,
        rules,
        Styles::new(false),
        (hashes, vec![true, false, false], Default::default()),
        (80, 24),
        START,
    )
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn fresh(outcome: Outcome) -> Judgement {
    Judgement::Fresh(Verdict {
        outcome,
        run_time: Some(Duration::from_millis(5)),
    })
}

fn compile_error() -> Outcome {
    Outcome::CompileError {
        diagnostics: vec![Diagnostic {
            level: Level::Error,
            code: Some("E0382".into()),
            message: "borrow of moved value: `name`".into(),
            rendered: "error[E0382]: borrow of moved value: `name`\n".into(),
            file: Some("exercises/01_basics/compile_fail.rs".into()),
            line: Some(9),
        }],
    }
}

fn judged(generation: u64, answers: Vec<Judgement>) -> Event {
    Event::Judged {
        generation,
        result: Ok(answers),
        at: START + Duration::from_secs(5),
    }
}

/// The screen as plain text, one line per row.
fn screen_text(state: &State<'_>, size: (usize, usize)) -> String {
    let frame = view(state, size);
    strip_ansi(&screen::compose(&frame, size, &state.styles)).replace("\r\n", "\n")
}

#[test]
fn start_judges_the_current_exercise_and_a_verdict_is_drawn_then_recorded() {
    let kit = kit();
    let (mut state, effects) = state(&kit, Rules::Practice);
    assert_eq!(
        effects,
        [Effect::Judge {
            exercise: 0,
            generation: 1
        }]
    );
    assert!(state.tick_interval().is_some(), "a spinner while checking");
    let effects = state.update(judged(1, vec![fresh(compile_error())]));
    let [Effect::Draw, Effect::Record(attempts)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert!(
        matches!(&attempts[0], Logged::Attempt(a) if a.outcome == Status::CompileError),
        "{attempts:?}"
    );
    assert_eq!(state.progress.exercises[0].attempts, 1);
    assert_eq!(state.running, None);
    assert_eq!(state.tick_interval(), None, "no timer while idle");
    let text = screen_text(&state, (80, 24));
    assert!(text.contains("error[E0382]"), "{text}");
    assert!(text.contains("✗ 1 compile error (E0382)"), "{text}");
}

#[test]
fn a_save_judges_what_changed_and_a_superseded_result_is_dropped() {
    let kit = kit();
    let (mut state, _) = state(&kit, Rules::Practice);
    // The first check is still running when the file changes again.
    let files = Event::Files(vec![
        Some("a1".into()),
        Some("b0".into()),
        Some("c0".into()),
    ]);
    assert_eq!(
        state.update(files),
        [Effect::Judge {
            exercise: 0,
            generation: 2
        }]
    );
    assert_eq!(state.update(judged(1, vec![fresh(Outcome::Passed)])), []);
    assert_eq!(state.verdicts[0], None, "the stale verdict is not shown");
    let effects = state.update(judged(2, vec![fresh(Outcome::Passed)]));
    assert!(effects.contains(&Effect::RevealSolution(0)), "{effects:?}");
    // Nothing changed since: the same hashes judge nothing.
    let same = Event::Files(vec![
        Some("a1".into()),
        Some("b0".into()),
        Some("c0".into()),
    ]);
    assert_eq!(state.update(same), []);
}

#[test]
fn saving_another_exercise_shows_it_and_says_it_is_not_the_current_one() {
    let kit = kit();
    let (mut state, _) = state(&kit, Rules::Practice);
    state.update(judged(1, vec![fresh(compile_error())]));
    let files = Event::Files(vec![
        Some("a0".into()),
        Some("b1".into()),
        Some("c0".into()),
    ]);
    assert_eq!(
        state.update(files),
        [Effect::Judge {
            exercise: 1,
            generation: 2
        }]
    );
    state.update(judged(2, vec![fresh(Outcome::Passed)]));
    let text = screen_text(&state, (100, 24));
    assert!(
        text.contains("You saved `test_fail`, which is not your current exercise (`compile_fail`)"),
        "{text}"
    );
}

#[test]
fn a_cancelled_check_gives_no_verdict() {
    let kit = kit();
    let (mut state, _) = state(&kit, Rules::Practice);
    assert_eq!(state.update(judged(1, vec![Judgement::NotJudged])), []);
    assert_eq!(state.verdicts[0], None);
    assert!(state.progress.exercises.is_empty(), "nothing recorded");
}

#[test]
fn keys_next_list_and_reset() {
    let kit = kit();
    let (mut state, _) = state(&kit, Rules::Practice);
    state.update(judged(1, vec![fresh(compile_error())]));
    state.update(key('n'));
    assert!(state.notices[0].starts_with("`n` moves on once this exercise passes"));
    state.update(key('l'));
    assert_eq!(state.mode, Mode::List { selected: 0 });
    state.update(code(KeyCode::Down));
    state.update(code(KeyCode::Down));
    state.update(code(KeyCode::Down));
    assert_eq!(state.mode, Mode::List { selected: 2 }, "stops at the last");
    let effects = state.update(code(KeyCode::Enter));
    assert_eq!(
        effects,
        [
            Effect::SaveProgress,
            Effect::Judge {
                exercise: 2,
                generation: 2
            }
        ]
    );
    assert_eq!(state.progress.current.as_deref(), Some("panics"));
    assert!(state.notices.is_empty(), "moving on clears the notices");
    // Reset asks first; any key but y keeps the work.
    state.update(key('r'));
    assert_eq!(state.mode, Mode::ConfirmReset);
    assert_eq!(state.update(key('x')), []);
    state.update(key('r'));
    assert_eq!(state.update(key('y')), [Effect::Reset(2)]);
    let effects = state.update(Event::Reset {
        exercise: 2,
        hash: Some("c-shipped".into()),
    });
    assert_eq!(
        effects,
        [Effect::Judge {
            exercise: 2,
            generation: 3
        }]
    );
    assert!(state.notices[0].ends_with("is back to its shipped version."));
}

/// Whether the effects are exactly the logging of hint tier `tier`.
fn hint_logged(effects: &[Effect], tier: u32) -> bool {
    matches!(effects, [Effect::Record(logged)]
        if matches!(logged.as_slice(), [Logged::Hint(h)] if h.tier == tier))
}

#[test]
fn hints_come_one_tier_at_a_time_and_are_saved() {
    let kit = kit();
    let (mut state, _) = state(&kit, Rules::Practice);
    assert!(hint_logged(&state.update(key('h')), 1));
    assert_eq!(state.tiers_revealed(), 1);
    assert!(hint_logged(&state.update(key('h')), 2));
    assert_eq!(state.tiers_revealed(), 2);
    assert_eq!(state.update(key('h')), [], "every tier shown: h hides them");
    assert!(!state.show_hint);
    let text = screen_text(&state, (80, 24));
    assert!(!text.contains("Hint 1 of 2"), "{text}");
}

#[test]
fn check_all_summarises_and_is_recorded() {
    let kit = kit();
    let (mut state, _) = state(&kit, Rules::Practice);
    assert_eq!(state.update(key('c')), [Effect::JudgeAll { generation: 2 }]);
    state.update(Event::Progress { generation: 2 });
    assert_eq!(
        state.running,
        Some(Running {
            job: Job::All { done: 1 },
            generation: 2
        })
    );
    assert!(screen_text(&state, (80, 24)).contains("checking all exercises: 1/3"));
    let answers = vec![
        fresh(compile_error()),
        fresh(Outcome::Passed),
        Judgement::Cached(Verdict {
            outcome: Outcome::Passed,
            run_time: None,
        }),
    ];
    let effects = state.update(judged(2, answers));
    let [Effect::Record(attempts)] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    let fresh = attempts
        .iter()
        .filter(|e| matches!(e, Logged::Attempt(_)))
        .count();
    assert_eq!(fresh, 2, "the cached verdict is no attempt");
    let summary = state.check_summary.clone().unwrap();
    assert_eq!(summary[0], "Checked all 3 exercises: 2 passing.");
    assert!(summary[2].contains("compile_fail"), "{summary:?}");
}

#[test]
fn a_check_all_cut_short_is_dropped() {
    let kit = kit();
    let (mut state, _) = state(&kit, Rules::Practice);
    state.update(key('c'));
    let answers = vec![
        fresh(compile_error()),
        Judgement::NotJudged,
        Judgement::NotJudged,
    ];
    assert_eq!(state.update(judged(2, answers)), []);
    assert_eq!(state.check_summary, None);
}

fn timed(kit: &Kit) -> State<'_> {
    let rules = Rules::Timed(Timed {
        deadline: START + Duration::from_secs(600),
        hint_cost: 4,
    });
    state(kit, rules).0
}

#[test]
fn an_assessment_asks_before_a_hint_that_costs_points() {
    let kit = kit();
    let mut state = timed(&kit);
    assert_eq!(state.update(key('h')), []);
    assert_eq!(state.mode, Mode::ConfirmHint);
    assert!(screen_text(&state, (100, 24)).contains("The next hint costs 4 points. y = show it"));
    assert_eq!(state.update(key('n')), [], "anything but y: no hint");
    assert_eq!(state.tiers_revealed(), 0);
    state.update(key('h'));
    assert!(hint_logged(&state.update(key('y')), 1));
    assert_eq!(state.tiers_revealed(), 1);
}

#[test]
fn an_assessment_ends_when_time_is_up_or_on_finish_and_quitting_asks() {
    let kit = kit();
    let mut state = timed(&kit);
    assert_eq!(state.tick_interval(), Some(Duration::from_millis(100)));
    state.update(Event::Tick(START + Duration::from_secs(599)));
    assert_eq!(state.end(), None);
    assert!(screen_text(&state, (80, 24)).contains("⏱ 00:01 left"));
    state.update(Event::Tick(START + Duration::from_secs(600)));
    assert_eq!(state.end(), Some(WatchEnd::Finished));

    let mut state = timed(&kit);
    state.update(key('q'));
    assert_eq!(state.mode, Mode::ConfirmQuit);
    state.update(key('x'));
    assert_eq!((state.mode, state.end()), (Mode::Exercise, None));
    state.update(key('q'));
    state.update(key('f'));
    assert_eq!(state.end(), Some(WatchEnd::Finished));

    let mut state = timed(&kit);
    state.update(key('q'));
    state.update(key('q'));
    assert_eq!(state.end(), Some(WatchEnd::Quit), "leaving keeps the clock");
}

#[test]
fn an_assessment_ends_once_everything_passes() {
    let kit = kit();
    let mut state = timed(&kit);
    for name in ["test_fail", "panics"] {
        state.progress.entry(name).solved = true;
    }
    state.update(judged(1, vec![fresh(Outcome::Passed)]));
    assert_eq!(state.end(), Some(WatchEnd::Finished));
}

#[test]
fn practice_quits_on_q_ctrl_c_and_terminate() {
    let kit = kit();
    for event in [
        key('q'),
        Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Event::Terminate,
    ] {
        let (mut state, _) = state(&kit, Rules::Practice);
        assert_eq!(state.end(), None);
        state.update(event);
        assert_eq!(state.end(), Some(WatchEnd::Quit));
    }
}

#[test]
fn scrolling_stops_where_the_body_ends() {
    let kit = kit();
    let (mut state, _) = state(&kit, Rules::Practice);
    let long = Outcome::Panicked {
        output: (0..60).map(|i| format!("line {i}\n")).collect(),
    };
    state.update(judged(1, vec![fresh(long)]));
    for _ in 0..100 {
        state.update(code(KeyCode::Down));
    }
    let frame = view(&state, (80, 24));
    state.clamp_scroll(frame.scroll);
    assert!(state.scroll < 100 && state.scroll > 0, "{}", state.scroll);
    let text = screen_text(&state, (80, 24));
    assert!(text.contains("of 62: ↑/↓ PgUp/PgDn scroll]"), "{text}");
}

/// The first screen, a verdict with hints, the list and a passed exercise, at a few sizes.
#[test]
fn frames_at_a_few_sizes() {
    let kit = kit();
    let (mut state, _) = state(&kit, Rules::Practice);
    insta::assert_snapshot!("first_screen_80x24", screen_text(&state, (80, 24)));
    state.update(judged(1, vec![fresh(compile_error())]));
    state.update(key('h'));
    insta::assert_snapshot!(
        "compile_error_with_hint_60x16",
        screen_text(&state, (60, 16))
    );
    state.update(key('l'));
    insta::assert_snapshot!("list_100x20", screen_text(&state, (100, 20)));
    state.update(code(KeyCode::Esc));
    let files = Event::Files(vec![
        Some("a1".into()),
        Some("b0".into()),
        Some("c0".into()),
    ]);
    state.update(files);
    state.update(judged(2, vec![fresh(Outcome::Passed)]));
    insta::assert_snapshot!("passed_120x30", screen_text(&state, (120, 30)));
    let mut timed = timed(&kit);
    timed.update(Event::Tick(START + Duration::from_secs(200)));
    insta::assert_snapshot!("assessment_40x12", screen_text(&timed, (40, 12)));
}

#[test]
fn with_open_next_moving_on_opens_the_next_exercise_and_o_opens_this_one() {
    let kit = kit();
    let (mut state, _) = state(&kit, Rules::Practice);
    state.update(judged(1, vec![fresh(compile_error())]));
    let effects = state.update(key('o'));
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::OpenEditor {
                exercise: 0,
                line: 9
            }]
        ),
        "{effects:?}"
    );
    state.open_next = true;
    state.progress.entry("compile_fail").solved = true;
    let effects = state.update(key('n'));
    assert!(
        effects.contains(&Effect::OpenEditor {
            exercise: 1,
            line: 1
        }),
        "{effects:?}"
    );
}
