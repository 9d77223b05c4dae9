//! The dashboard as a worklist for thousands of cases: search, filters, sort, and a picture of
//! where the cases stand. The expensive part (each case's deadline chain, its search text, its
//! missing evidence) is worked out once per change of the cases in [`entries`]; a keystroke in
//! the search box only compares prepared text in [`select`].

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::case::Case;

use super::deadline::{Chain, Deadline};
use super::evidence::{checklist, EvidenceItem};
use super::overview::{Attention, CaseOverview};
use super::proof::Proof;
use super::vocabulary::{Platform, Problem, Status};

/// One case, prepared for filtering and display.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// Where the case is in the slice [`entries`] was given.
    pub index: usize,
    pub attention: Attention,
    pub deadline: Option<Deadline>,
    /// Required evidence with no file yet, while the case is open.
    pub evidence_missing: usize,
}

/// Each entry's searchable text (order number, seller, item and tracking number, lowercase),
/// made only once the buyer starts searching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchIndex(Vec<String>);

pub fn search_index(entries: &[Entry], cases: &[Case]) -> SearchIndex {
    SearchIndex(
        entries
            .iter()
            .map(|entry| {
                let details = &cases[entry.index].details;
                [&details.order_number, &details.seller, &details.item, &details.tracking_number]
                    .map(|text| text.to_lowercase())
                    .join("\n")
            })
            .collect(),
    )
}

fn proof_bit(proof: Proof) -> u64 {
    1 << (proof as u32)
}

/// Every case, most urgent first, prepared for [`select`]; `chains` are the cases' own, in the
/// same order.
pub fn entries(cases: &[Case], chains: &[Chain], evidence: &[EvidenceItem]) -> Vec<Entry> {
    // The proofs on file for each case, one bit per kind of proof: one lookup per case.
    let mut proven: HashMap<&str, u64> = HashMap::new();
    for item in evidence {
        if let Some(proof) = item.proves {
            *proven.entry(item.case_id.as_str()).or_default() |= proof_bit(proof);
        }
    }
    let mut rows: Vec<(usize, CaseOverview)> = cases
        .iter()
        .zip(chains)
        .enumerate()
        .map(|(index, (case, chain))| (index, CaseOverview::of(case, chain)))
        .collect();
    rows.sort_by_cached_key(|(_, row)| row.urgency());
    rows.into_iter()
        .map(|(index, row)| {
            let case = row.case;
            let evidence_missing = if case.status().is_closed() {
                0
            } else {
                let on_file = if proven.is_empty() { 0 } else { proven.get(case.id.as_str()).copied().unwrap_or(0) };
                checklist(case).iter().filter(|proof| !proof.is_optional() && on_file & proof_bit(**proof) == 0).count()
            };
            Entry { index, attention: row.attention, deadline: row.deadline().cloned(), evidence_missing }
        })
        .collect()
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Words that must all appear in the order number, seller, item or tracking number.
    pub text: String,
    pub platform: Option<Platform>,
    pub status: Option<Status>,
    pub problem: Option<Problem>,
    /// Only cases whose most urgent deadline closes within this many days (or has passed).
    pub due_within_days: Option<i64>,
    pub evidence_missing: bool,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty() || Filter { text: String::new(), ..self.clone() } != Filter::default()
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    /// Most urgent first, as the app orders cases everywhere.
    #[default]
    Urgency,
    RecentlyChanged,
    Newest,
    OrderNumber,
}

impl SortBy {
    pub const ALL: &'static [SortBy] = &[SortBy::Urgency, SortBy::RecentlyChanged, SortBy::Newest, SortBy::OrderNumber];

    pub fn key(self) -> &'static str {
        match self {
            SortBy::Urgency => "urgency",
            SortBy::RecentlyChanged => "changed",
            SortBy::Newest => "newest",
            SortBy::OrderNumber => "order",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortBy::Urgency => "Most urgent first",
            SortBy::RecentlyChanged => "Recently changed",
            SortBy::Newest => "Newest first",
            SortBy::OrderNumber => "Order number",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|sort| sort.key() == key)
    }
}

/// The entries that pass `filter`, in `sort` order, as positions in `entries`. Searching needs
/// the entries' [`SearchIndex`]; without it the search text is not applied.
pub fn select(
    entries: &[Entry],
    cases: &[Case],
    index: Option<&SearchIndex>,
    filter: &Filter,
    sort: SortBy,
    now: DateTime<Utc>,
) -> Vec<usize> {
    let words: Vec<String> = filter.text.split_whitespace().map(str::to_lowercase).collect();
    let due_by = filter.due_within_days.map(|days| now + Duration::days(days));
    let mut chosen: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(at, entry)| {
            let case = &cases[entry.index];
            let text = index.and_then(|index| index.0.get(*at));
            text.is_none_or(|text| words.iter().all(|word| text.contains(word.as_str())))
                && filter.platform.is_none_or(|platform| case.details.platform == platform)
                && filter.status.is_none_or(|status| case.status() == status)
                && filter.problem.is_none_or(|problem| case.details.problem == problem)
                && due_by.is_none_or(|due_by| entry.deadline.as_ref().is_some_and(|deadline| deadline.due <= due_by))
                && (!filter.evidence_missing || entry.evidence_missing > 0)
        })
        .map(|(at, _)| at)
        .collect();
    let case_of = |at: &usize| &cases[entries[*at].index];
    match sort {
        SortBy::Urgency => {}
        SortBy::RecentlyChanged => chosen.sort_by_key(|at| std::cmp::Reverse(case_of(at).updated_at)),
        SortBy::Newest => chosen.sort_by_key(|at| std::cmp::Reverse(case_of(at).created_at)),
        SortBy::OrderNumber => {
            chosen.sort_by(|a, b| case_of(a).details.order_number.cmp(&case_of(b).details.order_number))
        }
    }
    chosen
}

/// A bar of the dashboard's chart: what it counts (the interface names it), and how many.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar<K> {
    pub key: K,
    pub count: usize,
}

/// Where the cases stand: how many in each status, and how many deadlines close in each week.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chart {
    pub by_status: Vec<Bar<Status>>,
    /// Weeks from today: `-1` for passed, `0` for the next 7 days, up to [`WEEKS_SHOWN`] - 1,
    /// then one bar for everything later.
    pub by_week: Vec<Bar<i64>>,
}

pub const WEEKS_SHOWN: i64 = 6;

/// The chart of `entries` (statuses with no case are left out; every week is shown).
pub fn chart(entries: &[Entry], cases: &[Case], today: NaiveDate) -> Chart {
    let mut statuses: BTreeMap<Status, usize> = BTreeMap::new();
    let mut weeks: BTreeMap<i64, usize> = (-1..=WEEKS_SHOWN).map(|week| (week, 0)).collect();
    for entry in entries {
        *statuses.entry(cases[entry.index].status()).or_default() += 1;
        if let Some(deadline) = &entry.deadline {
            let days = (deadline.last_day - today).num_days();
            let week = if days < 0 { -1 } else { (days / 7).min(WEEKS_SHOWN) };
            *weeks.entry(week).or_default() += 1;
        }
    }
    Chart {
        by_status: statuses.into_iter().map(|(key, count)| Bar { key, count }).collect(),
        by_week: weeks.into_iter().map(|(key, count)| Bar { key, count }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadline::chains;
    use crate::domain::overview::overview;
    use crate::support::sample::sample_cases;
    use chrono::TimeZone;
    use std::collections::HashSet;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 21, 12, 0, 0).unwrap()
    }

    fn prepared(count: usize) -> (Vec<Case>, Vec<Entry>) {
        let cases = sample_cases(count, 21, now());
        let entries = entries(&cases, &chains(&cases, &Utc, now()), &[]);
        (cases, entries)
    }

    fn order_numbers<'a>(cases: &'a [Case], entries: &[Entry], chosen: &[usize]) -> Vec<&'a str> {
        chosen.iter().map(|at| cases[entries[*at].index].details.order_number.as_str()).collect()
    }

    #[test]
    fn entries_keep_the_dashboard_order() {
        let (cases, entries) = prepared(300);
        let chains = chains(&cases, &Utc, now());
        let expected: Vec<&str> =
            overview(&cases, &chains).iter().map(|row| row.case.details.order_number.as_str()).collect();
        let all = select(&entries, &cases, None, &Filter::default(), SortBy::Urgency, now());
        assert_eq!(order_numbers(&cases, &entries, &all), expected);
    }

    #[test]
    fn search_matches_every_word_in_order_seller_item_or_tracking() {
        let (cases, entries) = prepared(300);
        let index = search_index(&entries, &cases);
        let search = |text: &str| {
            let filter = Filter { text: text.into(), ..Filter::default() };
            order_numbers(&cases, &entries, &select(&entries, &cases, Some(&index), &filter, SortBy::Urgency, now()))
        };
        let target = &cases[17].details;
        assert_eq!(search(&target.order_number), [target.order_number.as_str()]);
        let by_seller = search(&target.seller.to_uppercase());
        assert!(by_seller.contains(&target.order_number.as_str()));
        assert!(by_seller.len() < cases.len());
        let both = search(&format!("{} {}", target.item.to_lowercase(), target.seller));
        assert!(both.iter().all(|order| cases.iter().any(|case| case.details.order_number == *order
            && case.details.item == target.item
            && case.details.seller == target.seller)));
        let shipped = cases.iter().find(|case| !case.details.tracking_number.is_empty()).unwrap();
        assert_eq!(search(&shipped.details.tracking_number.to_lowercase()), [shipped.details.order_number.as_str()]);
        assert!(search("no such words anywhere").is_empty());
    }

    #[test]
    fn filters_narrow_and_sorts_reorder() {
        let (cases, entries) = prepared(400);
        let pick = |filter: Filter| select(&entries, &cases, None, &filter, SortBy::Urgency, now());
        let alibaba = pick(Filter { platform: Some(Platform::AlibabaTradeAssurance), ..Filter::default() });
        assert!(
            !alibaba.is_empty()
                && alibaba
                    .iter()
                    .all(|at| cases[entries[*at].index].details.platform == Platform::AlibabaTradeAssurance)
        );
        let resolved = pick(Filter { status: Some(Status::Resolved), ..Filter::default() });
        assert!(
            !resolved.is_empty() && resolved.iter().all(|at| cases[entries[*at].index].status() == Status::Resolved)
        );
        let damaged = pick(Filter { problem: Some(Problem::DamagedOrDefective), ..Filter::default() });
        assert!(
            !damaged.is_empty()
                && damaged.iter().all(|at| cases[entries[*at].index].details.problem == Problem::DamagedOrDefective)
        );
        let week = pick(Filter { due_within_days: Some(7), ..Filter::default() });
        assert!(!week.is_empty());
        assert!(week
            .iter()
            .all(|at| entries[*at].deadline.as_ref().is_some_and(|d| d.due <= now() + Duration::days(7))));
        let missing = pick(Filter { evidence_missing: true, ..Filter::default() });
        assert!(!missing.is_empty() && missing.len() < cases.len());
        assert!(missing.iter().all(|at| entries[*at].evidence_missing > 0));

        let by_order = select(&entries, &cases, None, &Filter::default(), SortBy::OrderNumber, now());
        let numbers = order_numbers(&cases, &entries, &by_order);
        assert!(numbers.windows(2).all(|pair| pair[0] <= pair[1]));
        let newest = select(&entries, &cases, None, &Filter::default(), SortBy::Newest, now());
        assert!(newest
            .windows(2)
            .all(|pair| cases[entries[pair[0]].index].created_at >= cases[entries[pair[1]].index].created_at));
        assert!(!Filter::default().is_active());
        assert!(Filter { evidence_missing: true, ..Filter::default() }.is_active());
        assert!(!Filter { text: "  ".into(), ..Filter::default() }.is_active());
    }

    #[test]
    fn every_kind_of_proof_has_its_own_bit() {
        let bits: HashSet<u64> = Proof::ALL.iter().map(|proof| proof_bit(*proof)).collect();
        assert_eq!(bits.len(), Proof::ALL.len());
        assert!(Proof::ALL.len() <= 64);
    }

    #[test]
    fn evidence_on_file_is_no_longer_missing() {
        let cases = sample_cases(40, 21, now());
        let open = cases.iter().position(|case| !case.status().is_closed()).unwrap();
        let chains = chains(&cases, &Utc, now());
        let before = entries(&cases, &chains, &[]);
        let needed: Vec<Proof> = checklist(&cases[open]).iter().copied().filter(|proof| !proof.is_optional()).collect();
        let files: Vec<EvidenceItem> = needed
            .iter()
            .enumerate()
            .map(|(n, proof)| EvidenceItem {
                id: format!("f{n}"),
                case_id: cases[open].id.clone(),
                name: "proof.jpg".into(),
                mime: "image/jpeg".into(),
                size: 1,
                added_at: now(),
                caption: String::new(),
                proves: Some(*proof),
                sha256: String::new(),
            })
            .collect();
        let after = entries(&cases, &chains, &files);
        let missing =
            |entries: &[Entry]| entries.iter().find(|entry| entry.index == open).map(|entry| entry.evidence_missing);
        assert_eq!(missing(&before), Some(needed.len()));
        assert_eq!(missing(&after), Some(0));
    }

    #[test]
    fn the_chart_counts_every_case_once() {
        let (cases, entries) = prepared(500);
        let today = now().date_naive();
        let picture = chart(&entries, &cases, today);
        assert_eq!(picture.by_status.iter().map(|bar| bar.count).sum::<usize>(), cases.len());
        assert!(picture.by_status.iter().all(|bar| bar.count > 0));
        assert_eq!(picture.by_week.len(), WEEKS_SHOWN as usize + 2);
        let with_deadline = entries.iter().filter(|entry| entry.deadline.is_some()).count();
        assert_eq!(picture.by_week.iter().map(|bar| bar.count).sum::<usize>(), with_deadline);
        let passed = entries.iter().filter(|e| e.deadline.as_ref().is_some_and(|d| d.last_day < today)).count();
        assert_eq!(picture.by_week[0], Bar { key: -1, count: passed });
        assert_eq!(
            picture.by_week.iter().map(|bar| bar.key).collect::<Vec<_>>(),
            (-1..=WEEKS_SHOWN).collect::<Vec<_>>()
        );
    }
}
