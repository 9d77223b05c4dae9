//! The rules that count for a case: the built-in ones (`rules`) and those of the marketplaces a
//! host describes in its own file beside the app (`site.json`, read by [`super::site`]). A case
//! of such a marketplace keeps the marketplace and its rules in its own record, so that a backup
//! or a share link opened by an app without that file still has its name and its deadlines;
//! where the app's own host publishes the same marketplace, its current rules are used instead.

use std::cell::RefCell;
use std::collections::HashMap;

use super::case::Case;
use super::deadline_kind::DeadlineKind;
use super::i18n::tr;
use super::rules::{rule_by_id, Certainty, DayCount, ProblemScope, Reference, Requirement, Rule, Scope, RULES};
use super::site::{Marketplace, CHOICE_PREFIX};
use super::vocabulary::Platform;

/// The platform a form's choice names: a built-in one, or a host's marketplace, looked up among
/// the host's (current rules first) and then the one the case already `kept`.
pub fn platform_choice(value: &str, kept: Option<&Marketplace>) -> Option<(Platform, Option<Marketplace>)> {
    if let Some(platform) = Platform::from_key(value) {
        return Some((platform, None));
    }
    let id = value.strip_prefix(CHOICE_PREFIX)?;
    published()
        .into_iter()
        .chain(kept.cloned())
        .find(|marketplace| marketplace.id == id)
        .map(|marketplace| (Platform::OtherMarketplace, Some(marketplace)))
}

/// Every platform a buyer can choose, as (form value, name): the built-in ones with, before
/// "Other marketplace", the host's marketplaces and the one a case was made for (`kept`) where
/// this host does not publish it.
pub fn platform_choices(kept: Option<Marketplace>) -> Vec<(String, String)> {
    let mut hosted: Vec<Marketplace> = published();
    hosted.extend(kept.filter(|kept| !hosted.iter().any(|known| known.id == kept.id)));
    let built_in = |platform: Platform| (platform.key().to_owned(), tr(platform.label()).to_owned());
    let named = Platform::ALL.iter().copied().filter(|platform| *platform != Platform::OtherMarketplace);
    let mut choices: Vec<_> = named.map(built_in).collect();
    choices.extend(hosted.iter().map(|marketplace| (marketplace.choice_key(), marketplace.name.clone())));
    choices.push(built_in(Platform::OtherMarketplace));
    choices
}

thread_local! {
    /// The marketplaces of this app's own host, read at start.
    static PUBLISHED: RefCell<Vec<Marketplace>> = const { RefCell::new(Vec::new()) };
    /// Each distinct set of host rules as the rule records the deadline arithmetic reads, made once:
    /// there are as many as marketplaces and their versions, not as cases.
    static AS_RULES: RefCell<HashMap<Marketplace, &'static [Rule]>> = RefCell::new(HashMap::new());
}

/// Makes the host's marketplaces the ones whose rules count, over the copies cases keep.
pub fn publish(marketplaces: Vec<Marketplace>) {
    PUBLISHED.with(|published| *published.borrow_mut() = marketplaces);
}

/// The host's marketplaces, as published at start.
pub fn published() -> Vec<Marketplace> {
    PUBLISHED.with(|published| published.borrow().clone())
}

/// The rules that count for a case of `marketplace`: its host's current ones where this app's
/// host publishes it, else the copy the case keeps.
pub fn rules_of(marketplace: &Marketplace) -> &'static [Rule] {
    // Asked for every case of a host's marketplace at each minute: looked up by reference, and
    // only a set of rules seen for the first time is copied.
    PUBLISHED.with(|published| {
        let published = published.borrow();
        let current = published
            .iter()
            .find(|known| known.id == marketplace.id && known.host == marketplace.host)
            .unwrap_or(marketplace);
        AS_RULES.with(|made| {
            if let Some(rules) = made.borrow().get(current) {
                return *rules;
            }
            let rules = as_rules(current);
            made.borrow_mut().insert(current.clone(), rules);
            rules
        })
    })
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn as_rules(marketplace: &Marketplace) -> &'static [Rule] {
    let scope = Scope::Hosted { marketplace: leak(marketplace.name.clone()), host: leak(marketplace.host.clone()) };
    let rules: Vec<Rule> = marketplace
        .rules
        .iter()
        .enumerate()
        .map(|(index, rule)| Rule {
            id: leak(hosted_rule_id(&marketplace.id, rule.deadline, index)),
            scope,
            sets: rule.deadline,
            problems: ProblemScope::Any,
            requires: Requirement::Nothing,
            counts_from: rule.counts_from,
            falls_back_to: None,
            days: rule.days,
            day_count: if rule.business_days { DayCount::Business } else { DayCount::Calendar },
            range_seen: (rule.days, rule.days),
            note: leak(rule.note.clone()),
            sources: Box::leak(
                rule.source
                    .iter()
                    .map(|source| Reference {
                        title: leak(source.title.clone()),
                        address: leak(source.url.clone()),
                        checked: "",
                    })
                    .collect(),
            ),
            reviewed: "",
            certainty: Certainty::Confirmed,
        })
        .collect();
    Box::leak(rules.into_boxed_slice())
}

/// A host rule's id: `host.<marketplace>.<deadline>.<n>`, so the buyer's own length for it is kept
/// with the deadline it sets.
fn hosted_rule_id(marketplace: &str, kind: DeadlineKind, index: usize) -> String {
    format!("host.{marketplace}.{}.{index}", kind.key())
}

/// The deadline a host rule's id sets, or none for a built-in rule's id.
pub fn deadline_of_hosted_rule(id: &str) -> Option<DeadlineKind> {
    let mut parts = id.strip_prefix("host.")?.split('.');
    DeadlineKind::from_key(parts.nth(1)?)
}

/// Every rule that applies to `case`: the built-in ones, and its host marketplace's.
pub fn applicable(case: &Case) -> impl Iterator<Item = &'static Rule> + '_ {
    let hosted = case.details.hosted_marketplace().map_or(&[][..], rules_of);
    RULES.iter().chain(hosted).filter(|rule| rule.applies_to(case))
}

/// The rules that can set `kind` for `case`.
pub fn rules_for(kind: DeadlineKind, case: &Case) -> impl Iterator<Item = &'static Rule> + '_ {
    applicable(case).filter(move |rule| rule.sets == kind)
}

/// The deadline the rule with this id sets, a built-in rule or a host's.
pub fn deadline_set_by(id: &str) -> Option<DeadlineKind> {
    rule_by_id(id).map(|rule| rule.sets).or_else(|| deadline_of_hosted_rule(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::site::lumen;
    use crate::domain::vocabulary::Event;

    #[test]
    fn host_rules_become_rule_records_once_per_version() {
        let first = rules_of(&lumen(30));
        assert_eq!(first.len(), 1);
        assert_eq!(
            (first[0].sets, first[0].counts_from, first[0].days),
            (DeadlineKind::OpenDispute, Event::Delivered, 30)
        );
        assert_eq!(first[0].sources[0].address, "https://lumen.example/p");
        assert!(std::ptr::eq(first, rules_of(&lumen(30))), "the same rules are made once");
        assert_eq!(rules_of(&lumen(20))[0].days, 20);
        assert_eq!(deadline_of_hosted_rule(first[0].id), Some(DeadlineKind::OpenDispute));
        assert_eq!(deadline_of_hosted_rule("aliexpress.appeal"), None);
    }

    #[test]
    fn the_hosts_current_rules_win_over_the_copy_a_case_keeps_but_only_from_the_same_host() {
        publish(vec![lumen(45)]);
        assert_eq!(rules_of(&lumen(30))[0].days, 45);
        let elsewhere = Marketplace { host: "Another help desk".into(), ..lumen(30) };
        assert_eq!(rules_of(&elsewhere)[0].days, 30);
        publish(Vec::new());
        assert_eq!(rules_of(&lumen(30))[0].days, 30);
    }

    #[test]
    fn a_case_of_a_hosts_marketplace_gets_dated_deadlines_labelled_as_the_hosts_rules() {
        use crate::domain::case::{Case, CaseDetails, CaseId, OrderDates};
        use crate::domain::deadline::chain;
        use crate::domain::vocabulary::{Platform, Problem};
        use chrono::{DateTime, NaiveDate, Utc};
        let now = DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z").unwrap().with_timezone(&Utc);
        let details = CaseDetails {
            platform: Platform::OtherMarketplace,
            marketplace: Some(lumen(30)),
            problem: Problem::DamagedOrDefective,
            dates: OrderDates { delivered: NaiveDate::from_ymd_opt(2026, 11, 10), ..OrderDates::default() },
            ..CaseDetails::default()
        };
        let case = Case::new(CaseId::new("c"), details, now);
        assert_eq!(case.details.platform_text(), "Lumen Market");
        let dated = chain(&case, &Utc, now).dated;
        let open = dated.iter().find(|deadline| deadline.kind == DeadlineKind::OpenDispute).unwrap();
        assert_eq!(open.last_day, NaiveDate::from_ymd_opt(2026, 12, 10).unwrap());
        let buyers_midnight = DateTime::parse_from_rfc3339("2026-12-11T00:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(open.due, buyers_midnight, "the host's marketplace does not keep China's time");
        assert_eq!(open.sources()[0].title, "Lumen protection");
        assert!(open.why().contains("as Lumen Buyer Help publishes it for Lumen Market"), "{}", open.why());
        assert!(!open.why().contains("Reviewed"), "a host's rule has no review date of ours");

        let without = Case::new(CaseId::new("d"), CaseDetails { marketplace: None, ..case.details.clone() }, now);
        let undated = chain(&without, &Utc, now);
        assert!(undated.dated.iter().all(|deadline| deadline.kind != DeadlineKind::OpenDispute));
    }

    #[test]
    fn the_hosts_marketplaces_are_offered_before_other_marketplace_and_a_kept_one_once() {
        let names = |kept| platform_choices(kept).into_iter().map(|(key, _)| key).collect::<Vec<_>>();
        assert_eq!(names(None), ["aliexpress", "alibaba_ta", "other"]);
        publish(vec![lumen(30)]);
        assert_eq!(names(None), ["aliexpress", "alibaba_ta", "site:lumen", "other"]);
        assert_eq!(names(Some(lumen(10))), ["aliexpress", "alibaba_ta", "site:lumen", "other"]);
        let elsewhere = Marketplace { id: "north".into(), ..lumen(10) };
        assert_eq!(names(Some(elsewhere)), ["aliexpress", "alibaba_ta", "site:lumen", "site:north", "other"]);
    }

    #[test]
    fn a_form_names_a_hosts_marketplace_by_its_choice_key() {
        assert_eq!(platform_choice("aliexpress", None), Some((Platform::AliExpress, None)));
        assert_eq!(platform_choice("site:lumen", None), None, "unknown until the host publishes it");
        let kept = lumen(30);
        assert_eq!(
            platform_choice(&kept.choice_key(), Some(&kept)),
            Some((Platform::OtherMarketplace, Some(kept.clone())))
        );
        publish(vec![lumen(45)]);
        assert_eq!(platform_choice("site:lumen", Some(&kept)), Some((Platform::OtherMarketplace, Some(lumen(45)))));
        assert_eq!(platform_choice("lumen", None), None);
    }
}
