//! The buyer's legal rights beyond the platform and the card, by the country they live in. Like
//! the platforms' rules, each route is data: what it is, how long it lasts, what it counts from,
//! when it applies, and the law it comes from. General information, not legal advice.

use chrono::{Months, NaiveDate};

use super::case::Case;

use super::i18n::{tr, trf};
use super::money::Money;
use super::rules::{read_on, reference, Reference, READ_DECEMBER_2026};
use super::vocabulary::{Event, PaymentMethod, Platform, Problem};

/// Where the buyer lives, as far as the routes below care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    /// The European Union and the European Economic Area.
    Europe,
    UnitedKingdom,
    UnitedStates,
    Elsewhere,
}

/// The EU's 27 members and the EEA's 3 others, by ISO 3166 code.
const EUROPEAN: [&str; 30] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT",
    "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

/// The countries a buyer can choose, by ISO 3166 code: those with routes, in code order.
pub fn countries() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = EUROPEAN.iter().copied().chain(["GB", "US"]).collect();
    all.sort_unstable();
    all
}

impl Region {
    pub fn of(country: &str) -> Self {
        match country.trim().to_ascii_uppercase().as_str() {
            "GB" | "UK" => Region::UnitedKingdom,
            "US" => Region::UnitedStates,
            code if EUROPEAN.contains(&code) => Region::Europe,
            _ => Region::Elsewhere,
        }
    }
}

/// How long a route lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Length {
    Days(u32),
    Years(u32),
}

/// When a route can help, beyond its region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    /// Something arrived and it is faulty, not as described or not what was ordered.
    FaultyGoods,
    /// Something arrived (the buyer may send it back).
    Delivered,
    /// Paid by card for an item whose own price is over £100 and up to £30,000 (a credit card;
    /// not, as far as the app can tell, through an intermediary such as PayPal).
    CreditCardBetween100And30000Pounds,
    /// AliExpress has decided the dispute.
    AliExpressDecided,
}

#[derive(Debug, PartialEq, Eq)]
pub struct LegalRoute {
    pub id: &'static str,
    pub regions: &'static [Region],
    pub title: &'static str,
    pub counts_from: Event,
    pub length: Length,
    /// Countries (ISO 3166 codes) whose own law gives longer than `length`.
    pub longer_in: &'static [(&'static str, Length)],
    pub condition: Condition,
    pub note: &'static str,
    pub sources: &'static [Reference],
}

const EU_SALE_OF_GOODS: Reference = reference(
    "Directive (EU) 2019/771 on contracts for the sale of goods",
    "https://eur-lex.europa.eu/eli/dir/2019/771/oj",
);
const EU_CONSUMER_RIGHTS: Reference =
    reference("Directive 2011/83/EU on consumer rights", "https://eur-lex.europa.eu/eli/dir/2011/83/oj");
const UK_CONSUMER_RIGHTS: Reference =
    reference("Consumer Rights Act 2015, section 22", "https://www.legislation.gov.uk/ukpga/2015/15/section/22");
const UK_CONSUMER_CREDIT: Reference =
    reference("Consumer Credit Act 1974, section 75", "https://www.legislation.gov.uk/ukpga/1974/39/section/75");
const UK_LIMITATION: Reference = read_on(
    "Limitation Act 1980, section 5 (contracts: 6 years; in Scotland 5 years under the Prescription and Limitation (Scotland) Act 1973)",
    "https://www.legislation.gov.uk/ukpga/1980/58/section/5",
    READ_DECEMBER_2026,
);
const EU_WITHDRAWAL_BUTTON: Reference = read_on(
    "Directive (EU) 2023/2673: the withdrawal function for contracts made online, from 19 June 2026",
    "https://eur-lex.europa.eu/eli/dir/2023/2673/oj",
    READ_DECEMBER_2026,
);
const SPAIN_GUARANTEE: Reference = read_on(
    "Spain: Real Decreto Legislativo 1/2007, consumer law, article 120 (3 years since 2022)",
    "https://www.boe.es/eli/es/rdlg/2007/11/16/1/con",
    READ_DECEMBER_2026,
);
const PORTUGAL_GUARANTEE: Reference = read_on(
    "Portugal: Decreto-Lei n.º 84/2021, article 12 (3 years)",
    "https://data.dre.pt/eli/dec-lei/84/2021/10/18/p/dre/pt/html",
    READ_DECEMBER_2026,
);
/// AliExpress's terms for EU, EEA and UK buyers, word for word as the Open Terms Archive recorded
/// them (contract version of 30 June 2026, in force 15 July 2026).
const ALIEXPRESS_EU_TERMS: Reference = read_on(
    "AliExpress Terms of Service for EU/EEA/UK users, clause 16.2.1 (Open Terms Archive's copy of the version in force 15 Jul 2026)",
    "https://github.com/OpenTermsArchive/vlopses-ie-versions/blob/e3f5ca01444ac52b55c3dd6f936951aca4a137ce/AliExpress/Terms%20of%20Service.md",
    READ_DECEMBER_2026,
);

const EUROPE: &[Region] = &[Region::Europe];
const UK: &[Region] = &[Region::UnitedKingdom];

pub const LEGAL_ROUTES: &[LegalRoute] = &[
    LegalRoute {
        id: "eu.legal_guarantee",
        regions: EUROPE,
        title: "Legal guarantee: repair, replacement or refund from the seller",
        counts_from: Event::Delivered,
        length: Length::Years(2),
        longer_in: &[("ES", Length::Years(3)), ("PT", Length::Years(3))],
        condition: Condition::FaultyGoods,
        note: "Goods must conform to the contract for at least 2 years from delivery (3 in Spain and Portugal); a fault that shows within the first year is presumed to have been there. The seller answers for it, wherever it is based, if it sells to your country.",
        sources: &[EU_SALE_OF_GOODS, SPAIN_GUARANTEE, PORTUGAL_GUARANTEE],
    },
    LegalRoute {
        id: "eu.withdrawal",
        regions: EUROPE,
        title: "Right of withdrawal: change your mind about an online purchase",
        counts_from: Event::Delivered,
        length: Length::Days(14),
        longer_in: &[],
        condition: Condition::Delivered,
        note: "14 days from delivery of the last item to tell the seller, then 14 more days to send the goods back; the seller refunds within 14 days. You usually pay the return postage. Since 19 June 2026 a seller online must offer a \"withdraw from contract here\" function as easy to find as the buy button.",
        sources: &[EU_CONSUMER_RIGHTS, EU_WITHDRAWAL_BUTTON],
    },
    LegalRoute {
        id: "uk.short_term_right_to_reject",
        regions: UK,
        title: "Consumer Rights Act: reject faulty goods for a full refund",
        counts_from: Event::Delivered,
        length: Length::Days(30),
        longer_in: &[],
        condition: Condition::FaultyGoods,
        note: "Goods that are faulty, not as described or not fit for purpose can be rejected for a full refund within 30 days of delivery; after that the seller may repair or replace them first.",
        sources: &[UK_CONSUMER_RIGHTS],
    },
    LegalRoute {
        id: "uk.section_75",
        regions: UK,
        title: "Section 75: claim from your credit card provider",
        counts_from: Event::Paid,
        length: Length::Years(6),
        longer_in: &[],
        condition: Condition::CreditCardBetween100And30000Pounds,
        note: "When a single item's price is over £100 and up to £30,000 and you paid any part of it by credit card (even a deposit), the card provider is jointly liable with the seller for the whole price. Not for debit cards; a payment service between you and the seller (such as PayPal) may be argued to break the link. Claims are limited to 6 years (5 in Scotland).",
        sources: &[UK_CONSUMER_CREDIT, UK_LIMITATION],
    },
    LegalRoute {
        id: "aliexpress.arbitration",
        regions: &[Region::Europe, Region::UnitedKingdom],
        title: "Refer AliExpress's decision to arbitration",
        counts_from: Event::DecisionIssued,
        length: Length::Days(20),
        longer_in: &[],
        condition: Condition::AliExpressDecided,
        note: "AliExpress's terms for EU, EEA and UK buyers (clause 16.2.1, in force 15 July 2026): if you disagree with its decision, apply to the Hong Kong International Arbitration Centre and tell AliExpress within 20 calendar days of receiving the decision; otherwise the terms treat the decision as final and binding. The courts of the country where you live, and its out-of-court consumer bodies, stay open to you either way.",
        sources: &[ALIEXPRESS_EU_TERMS],
    },
];

/// A route that fits the case, with how long it lasts where the buyer lives and its last day when
/// the case has the day it counts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegalOption {
    pub route: &'static LegalRoute,
    pub length: Length,
    pub last_day: Option<NaiveDate>,
}

impl Length {
    pub fn after(self, from: NaiveDate) -> Option<NaiveDate> {
        match self {
            Length::Days(days) => Some(from + chrono::Duration::days(i64::from(days))),
            Length::Years(years) => from.checked_add_months(Months::new(years * 12)),
        }
    }
}

impl LegalOption {
    /// "2 years after delivery".
    pub fn length_text(&self) -> String {
        let length = match self.length {
            Length::Days(days) => trf("{days} days", &[("days", &days)]),
            Length::Years(years) => trf("{years} years", &[("years", &years)]),
        };
        trf("{length} after {event}", &[("length", &length), ("event", &self.route.counts_from.phrase())])
    }
}

impl LegalRoute {
    /// How long the route lasts for a buyer living in `country`.
    pub fn length_in(&self, country: &str) -> Length {
        let country = country.trim();
        self.longer_in
            .iter()
            .find(|(code, _)| code.eq_ignore_ascii_case(country))
            .map_or(self.length, |(_, length)| *length)
    }

    fn fits(&self, case: &Case) -> bool {
        let problem = case.details.problem;
        let arrived = problem.goods_arrived();
        match self.condition {
            Condition::FaultyGoods => arrived && problem != Problem::Other,
            Condition::Delivered => arrived,
            Condition::CreditCardBetween100And30000Pounds => {
                case.details.payment_method == PaymentMethod::Card
                    && case.details.amount.as_ref().is_some_and(|total| within_section_75(total, case))
            }
            Condition::AliExpressDecided => {
                case.details.platform == Platform::AliExpress && case.date_of(Event::DecisionIssued).is_some()
            }
        }
    }
}

/// Whether an item of the order can be within Section 75's bounds (over £100 and up to £30,000,
/// for one item): the order total must be over £100, and the buyer has not said that no item was.
/// With no answer, the total stands in for the item up to the cap.
fn within_section_75(total: &Money, case: &Case) -> bool {
    let over_100 = total.currency.eq_ignore_ascii_case("GBP") && total.minor > 10_000;
    match case.details.one_item_over_100_pounds {
        Some(answer) => over_100 && answer,
        None => over_100 && total.minor <= 3_000_000,
    }
}

/// Whether the buyer living in `country` should be asked if one item cost more than £100: the
/// order total could qualify for Section 75 but cannot tell by itself.
pub fn asks_about_one_item_over_100_pounds(case: &Case, country: &str) -> bool {
    case.details.one_item_over_100_pounds.is_none() && section_75_applies(case, country)
}

/// The legal routes that may help a buyer living in `country` with `case`.
pub fn legal_options(case: &Case, country: &str) -> Vec<LegalOption> {
    let region = Region::of(country);
    LEGAL_ROUTES
        .iter()
        .filter(|route| route.regions.contains(&region) && route.fits(case))
        .map(|route| {
            let length = route.length_in(country);
            LegalOption { route, length, last_day: case.date_of(route.counts_from).and_then(|day| length.after(day)) }
        })
        .collect()
}

/// Whether the buyer living in `country` can claim from their card provider under Section 75.
pub fn section_75_applies(case: &Case, country: &str) -> bool {
    legal_options(case, country)
        .iter()
        .any(|option| option.route.condition == Condition::CreditCardBetween100And30000Pounds)
}

/// The line every page that shows these routes carries.
pub fn not_legal_advice() -> &'static str {
    tr("This is general information, not legal advice. The seller's country and the platform's terms can change what applies.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseDetails, CaseId, OrderDates};
    use crate::support::day;
    use chrono::{TimeZone, Utc};

    fn case(problem: Problem, payment_method: PaymentMethod, amount: Option<Money>) -> Case {
        let details = CaseDetails {
            order_number: "1".into(),
            problem,
            payment_method,
            amount,
            dates: OrderDates {
                paid: Some(day(2026, 10, 1)),
                delivered: Some(day(2026, 10, 20)),
                ..OrderDates::default()
            },
            ..CaseDetails::default()
        };
        Case::new(CaseId::new("c"), details, Utc.with_ymd_and_hms(2026, 10, 21, 0, 0, 0).unwrap())
    }

    fn pounds(whole: i64) -> Option<Money> {
        Some(Money { minor: whole * 100, currency: "GBP".into() })
    }

    fn ids(options: &[LegalOption]) -> Vec<&str> {
        options.iter().map(|option| option.route.id).collect()
    }

    #[test]
    fn the_country_picks_the_region() {
        assert_eq!(Region::of("fr"), Region::Europe);
        assert_eq!(Region::of("NO"), Region::Europe, "the EEA too");
        assert_eq!(Region::of("GB"), Region::UnitedKingdom);
        assert_eq!(Region::of("US"), Region::UnitedStates);
        assert_eq!(Region::of("BR"), Region::Elsewhere);
        assert_eq!(Region::of(""), Region::Elsewhere);
        assert!(countries().contains(&"GB") && countries().len() == 32);
    }

    #[test]
    fn an_eu_buyer_has_two_years_of_legal_guarantee_and_14_days_to_withdraw() {
        let faulty = case(Problem::DamagedOrDefective, PaymentMethod::Card, None);
        let options = legal_options(&faulty, "DE");
        assert_eq!(ids(&options), ["eu.legal_guarantee", "eu.withdrawal"]);
        assert_eq!(options[0].last_day, Some(day(2028, 10, 20)));
        assert_eq!(options[1].last_day, Some(day(2026, 11, 3)));
        assert_eq!(options[0].length_text(), "2 years after delivery");
        // Spain's and Portugal's own law: 3 years.
        for country in ["ES", "pt"] {
            let options = legal_options(&faulty, country);
            assert_eq!((options[0].route.id, options[0].last_day), ("eu.legal_guarantee", Some(day(2029, 10, 20))));
            assert_eq!(options[0].length_text(), "3 years after delivery");
        }
        // Nothing arrived: neither applies (the platform, the card and PayPal remain).
        assert!(legal_options(&case(Problem::NotReceived, PaymentMethod::Card, None), "DE").is_empty());
    }

    #[test]
    fn a_uk_buyer_can_reject_within_30_days_and_claim_under_section_75_within_its_bounds() {
        let faulty = case(Problem::NotAsDescribed, PaymentMethod::Card, pounds(250));
        let options = legal_options(&faulty, "GB");
        assert_eq!(ids(&options), ["uk.short_term_right_to_reject", "uk.section_75"]);
        assert_eq!(options[0].last_day, Some(day(2026, 11, 19)));
        assert_eq!(options[1].last_day, Some(day(2032, 10, 1)));
        let section_75 = |payment, amount| {
            ids(&legal_options(&case(Problem::NotReceived, payment, amount), "GB")).contains(&"uk.section_75")
        };
        assert!(section_75(PaymentMethod::Card, pounds(101)));
        assert!(!section_75(PaymentMethod::Card, pounds(100)), "over £100 only");
        assert!(section_75(PaymentMethod::Card, pounds(30_000)));
        assert!(!section_75(PaymentMethod::Card, pounds(30_001)));
        assert!(!section_75(PaymentMethod::PayPal, pounds(250)), "not through an intermediary");
        assert!(!section_75(PaymentMethod::Card, Some(Money { minor: 25_000, currency: "EUR".into() })));
        assert!(!section_75(PaymentMethod::Card, None));
    }

    #[test]
    fn section_75_goes_by_the_item_so_the_buyer_is_asked_when_the_total_cannot_tell() {
        // Two items of £60 each: the total is over £100, no single item is.
        let mut small_items = case(Problem::NotAsDescribed, PaymentMethod::Card, pounds(120));
        assert!(asks_about_one_item_over_100_pounds(&small_items, "GB"));
        small_items.details.one_item_over_100_pounds = Some(false);
        assert!(!section_75_applies(&small_items, "GB"));
        assert!(!asks_about_one_item_over_100_pounds(&small_items, "GB"), "asked once");
        // One item of £150 in an order of £40,000: covered although the total is over the cap.
        let mut one_costly = case(Problem::NotAsDescribed, PaymentMethod::Card, pounds(40_000));
        assert!(!section_75_applies(&one_costly, "GB"));
        one_costly.details.one_item_over_100_pounds = Some(true);
        assert!(section_75_applies(&one_costly, "GB"));
        // An order of £90 cannot hold an item over £100, whatever the answer; nor is anyone else asked.
        let mut cheap = case(Problem::NotAsDescribed, PaymentMethod::Card, pounds(90));
        cheap.details.one_item_over_100_pounds = Some(true);
        assert!(!section_75_applies(&cheap, "GB"));
        assert!(!asks_about_one_item_over_100_pounds(
            &case(Problem::NotAsDescribed, PaymentMethod::Card, pounds(120)),
            "FR"
        ));
    }

    #[test]
    fn the_card_letter_becomes_a_section_75_claim_where_it_applies() {
        use crate::domain::i18n::MessageLanguage;
        use crate::domain::templates::{compose, TemplateInput, TemplateKind};
        let faulty = case(Problem::NotAsDescribed, PaymentMethod::Card, pounds(250));
        assert!(section_75_applies(&faulty, "GB"));
        assert!(!section_75_applies(&faulty, "FR"));
        let input = TemplateInput { section_75: true, ..TemplateInput::default() };
        let letter = compose(TemplateKind::ChargebackLetter, &faulty, &input, MessageLanguage::English);
        assert!(
            letter.text.starts_with(
                "To: [your credit card provider]\nSubject: Claim under section 75 of the Consumer Credit Act 1974"
            ),
            "{}",
            letter.text
        );
        assert!(
            letter
                .text
                .contains("under section 75 of the Consumer Credit Act 1974 you are jointly liable with the supplier."),
            "{}",
            letter.text
        );
        assert!(letter.placeholders.contains(&"[your credit card provider]".to_owned()));
        let plain =
            compose(TemplateKind::ChargebackLetter, &faulty, &TemplateInput::default(), MessageLanguage::English);
        assert!(plain.text.starts_with("To: [your card issuer]") && !plain.text.contains("section 75"));
    }

    #[test]
    fn an_eu_or_uk_buyer_has_20_days_to_refer_an_aliexpress_decision_to_arbitration() {
        let arbitration = |case: &Case, country| {
            legal_options(case, country).into_iter().find(|option| option.route.id == "aliexpress.arbitration")
        };
        let mut decided = case(Problem::NotAsDescribed, PaymentMethod::PayPal, None);
        assert_eq!(arbitration(&decided, "GB"), None, "nothing decided yet");
        decided.record_step(Event::DecisionIssued, day(2026, 11, 25), decided.updated_at);
        for country in ["GB", "FR", "NO"] {
            // Received on 25 November + 20 calendar days: 15 December.
            let option = arbitration(&decided, country).unwrap();
            assert_eq!(
                (option.last_day, option.length_text()),
                (Some(day(2026, 12, 15)), "20 days after the decision".into())
            );
        }
        assert_eq!(arbitration(&decided, "US"), None);
        decided.details.platform = Platform::AlibabaTradeAssurance;
        assert_eq!(arbitration(&decided, "GB"), None, "AliExpress's terms only");
    }

    #[test]
    fn elsewhere_and_in_the_us_no_route_is_added() {
        let faulty = case(Problem::DamagedOrDefective, PaymentMethod::Card, pounds(250));
        assert!(legal_options(&faulty, "US").is_empty(), "the Fair Credit Billing Act is already a deadline");
        assert!(legal_options(&faulty, "BR").is_empty());
    }
}
