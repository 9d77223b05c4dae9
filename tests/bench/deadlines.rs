//! The deadline engine over 10,000 realistic cases, natively: each figure printed next to its
//! budget with PASS or OVER, and appended to target/bench/deadlines.tsv so runs can be compared.
//! Run with `bash dev.sh bench`; `cargo bench --bench deadlines -- calendar` runs only the figures
//! whose name contains "calendar" (for profiling one of them).

#[path = "../support/mod.rs"]
mod support;

use std::fs::{create_dir_all, OpenOptions};
use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use dispute_desk::domain::backup::{build_manifest, encode_header};
use dispute_desk::domain::deadline::{chains, chains_at, schedules};
use dispute_desk::domain::ics::cases_calendar;
use dispute_desk::domain::overview::{overview, upcoming};
use dispute_desk::domain::worklist::{entries, search_index, select, Filter, SortBy};
use support::sample::sample_cases;

const CASES: usize = 10_000;
const SEED: u64 = 20_261_121;
const RUNS: usize = 25;
/// "Well under a frame": half of a 60 Hz frame.
const FRAME_BUDGET: Duration = Duration::from_micros(8_300);

/// The median of `RUNS` timed runs of `work`.
fn median(mut work: impl FnMut()) -> Duration {
    work();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn main() {
    let only: Vec<String> = std::env::args().skip(1).filter(|arg| !arg.starts_with("--")).collect();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|part| name.contains(part.as_str()));
    let now: DateTime<Utc> =
        DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z").map(|t| t.with_timezone(&Utc)).unwrap_or_default();
    let cases = sample_cases(CASES, SEED, now);
    let zone = chrono::FixedOffset::west_opt(5 * 3600)
        .unwrap_or(chrono::FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!()));

    let shared_chains = chains(&cases, &zone, now);
    let shared_schedules = schedules(&cases, &zone);
    let today = now.with_timezone(&zone).date_naive();
    let deadlines: usize = shared_chains.iter().map(|chain| chain.dated.len()).sum();
    let prepared = entries(&cases, &shared_chains, &[]);
    let index = search_index(&prepared, &cases);
    let search = Filter { text: "gadget 80".into(), ..Filter::default() };

    type Work<'a> = Box<dyn FnMut() + 'a>;
    let figures: [(&str, Work, Duration); 7] = [
        (
            "chains of 10,000 cases, each minute",
            Box::new(|| {
                black_box(chains_at(black_box(&shared_schedules), today, now));
            }),
            FRAME_BUDGET,
        ),
        (
            // On load and when cases change (an edit, another tab, the host's rules).
            "schedules of 10,000 cases",
            Box::new(|| {
                black_box(schedules(black_box(&cases), &zone));
            }),
            FRAME_BUDGET * 2,
        ),
        (
            "dashboard order of 10,000 cases",
            Box::new(|| {
                black_box(overview(black_box(&cases), &shared_chains));
            }),
            FRAME_BUDGET * 2,
        ),
        (
            "dashboard worklist of 10,000 cases (order, evidence)",
            Box::new(|| {
                black_box(entries(black_box(&cases), &shared_chains, &[]));
            }),
            FRAME_BUDGET * 2,
        ),
        (
            "search keystroke over 10,000 prepared cases",
            Box::new(|| {
                black_box(select(black_box(&prepared), &cases, Some(&index), &search, SortBy::Urgency, now));
            }),
            Duration::from_millis(2),
        ),
        (
            "upcoming list of 10,000 cases",
            Box::new(|| {
                black_box(upcoming(black_box(&cases), &shared_chains, &zone, now));
            }),
            FRAME_BUDGET * 2,
        ),
        (
            "calendar file of every deadline",
            Box::new(|| {
                black_box(cases_calendar(&cases, &zone, now));
            }),
            Duration::from_millis(100),
        ),
    ];

    println!("Deadline engine, {CASES} cases ({deadlines} dated deadlines), median of {RUNS} runs, native:");
    let stamp = chrono::Utc::now().to_rfc3339();
    let mut rows = Vec::new();
    let mut over = 0;
    for (name, work, budget) in figures.into_iter().filter(|(name, ..)| wanted(name)) {
        let took = median(work);
        let verdict = if took <= budget { "PASS" } else { "OVER" };
        over += usize::from(took > budget);
        println!("  {name:<34} {:>9.3} ms   budget {:>7.1} ms   {verdict}", ms(took), ms(budget));
        rows.push(format!("{stamp}\t{name}\t{:.3}\t{:.1}\t{verdict}", ms(took), ms(budget)));
    }
    let written = create_dir_all("target/bench").and_then(|()| {
        let mut file = OpenOptions::new().create(true).append(true).open("target/bench/deadlines.tsv")?;
        rows.iter().try_for_each(|row| writeln!(file, "{row}"))
    });
    match written {
        Ok(()) => println!("  (appended to target/bench/deadlines.tsv)"),
        Err(error) => println!("  (could not write target/bench/deadlines.tsv: {error})"),
    }
    // The same cases, as a backup the browser benchmark restores (tests/bench/web.mjs).
    let sample = build_manifest(&cases, &[], true, now).and_then(|manifest| encode_header(&manifest));
    match sample.map(|bytes| std::fs::write("target/bench/sample-10k.ddbackup", bytes)) {
        Ok(Ok(())) => println!("  (wrote target/bench/sample-10k.ddbackup for the browser benchmark)"),
        Ok(Err(error)) => println!("  (could not write the sample backup: {error})"),
        Err(error) => println!("  (could not build the sample backup: {error})"),
    }
    if over > 0 {
        std::process::exit(1);
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
