//! A seeded generator of realistic cases, so every benchmark run measures the same work: both
//! platforms, every status, every problem and payment method, dates spread over a year, and
//! recorded steps that match the status.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use dispute_desk::domain::case::{Case, CaseDetails, CaseId, OrderDates};

use dispute_desk::domain::journal::Entry;
use dispute_desk::domain::money::Money;
use dispute_desk::domain::vocabulary::{Event, PaymentMethod, Platform, Problem, Status};

/// A small, fast, well-mixed generator (SplitMix64); quality is ample for test data.
pub struct Seeded(u64);

impl Seeded {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`.
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }

    fn pick<T: Copy>(&mut self, choices: &[T]) -> T {
        choices[self.below(choices.len() as u64) as usize]
    }

    fn days(&mut self, low: i64, high: i64) -> Duration {
        Duration::days(low + self.below((high - low + 1) as u64) as i64)
    }
}

const ITEMS: &[&str] = &[
    "Wireless earbuds",
    "Phone case",
    "LED strip 5 m",
    "Smart watch",
    "Kitchen scale",
    "Bluetooth speaker",
    "USB-C charger 65 W",
    "Drone with camera",
    "Summer dress",
    "Running shoes",
];
const SELLERS: &[&str] = &["Best Store", "Shenzhen Tech Co.", "Fashion Outlet", "Home Goods Ltd", "Gadget World"];
const CURRENCIES: &[&str] = &["USD", "EUR", "BRL", "RUB", "GBP"];

/// `count` cases ordered within the year before `now`, the same for the same `seed`.
pub fn sample_cases(count: usize, seed: u64, now: DateTime<Utc>) -> Vec<Case> {
    let mut random = Seeded::new(seed);
    let today = now.date_naive();
    (0..count).map(|index| sample_case(&mut random, index, today, now)).collect()
}

fn sample_case(random: &mut Seeded, index: usize, today: NaiveDate, now: DateTime<Utc>) -> Case {
    let platform = random.pick(&[
        Platform::AliExpress,
        Platform::AliExpress,
        Platform::AlibabaTradeAssurance,
        Platform::OtherMarketplace,
    ]);
    let paid = today - random.days(1, 365);
    let shipped = (paid + random.days(1, 7)).min(today);
    let delivered = (random.below(3) > 0).then(|| shipped + random.days(7, 40)).filter(|day| *day <= today);
    let problem = if delivered.is_none() { Problem::NotReceived } else { random.pick(&Problem::ALL[1..]) };
    let mut details = CaseDetails {
        platform,
        order_number: format!("{}{:08}", 80 + random.below(20), index),
        seller: random.pick(SELLERS).to_owned(),
        item: random.pick(ITEMS).to_owned(),
        amount: Some(Money { minor: 99 + random.below(50_000) as i64, currency: random.pick(CURRENCIES).to_owned() }),
        payment_method: random.pick(PaymentMethod::ALL),
        dates: OrderDates {
            paid: Some(paid),
            shipped: (random.below(10) > 0).then_some(shipped),
            promised_delivery: Some(paid + random.days(15, 45)),
            delivered,
            receipt_confirmed: delivered
                .filter(|_| random.below(4) == 0)
                .map(|day| (day + random.days(0, 5)).min(today)),
        },
        protection_ends: (random.below(5) == 0).then(|| shipped + random.days(60, 90)),
        problem,
        ..CaseDetails::default()
    };
    if details.dates.shipped.is_some() {
        details.tracking_number = format!("LP00{index:09}CN");
    }
    let created = now - Duration::days((today - paid).num_days().max(0)) + random.days(0, 20);
    let mut case = Case::new(CaseId::new(format!("sample-{index:06}")), details, created.min(now));
    // Walk the dispute forward a random number of steps, as far as the dates allow.
    let steps = [
        (Event::DisputeOpened, 10),
        (Event::SellerResponded, 5),
        (Event::Escalated, 4),
        (Event::DecisionIssued, 10),
        (Event::AppealFiled, 6),
        (Event::ReturnAgreed, 2),
        (Event::ReturnShipped, 8),
        (Event::RefundIssued, 10),
        (Event::RefundReceived, 12),
    ];
    let mut day = delivered.unwrap_or(shipped) + random.days(0, 10);
    for (event, gap) in steps.into_iter().take(random.below(steps.len() as u64 + 1) as usize) {
        if day > today {
            break;
        }
        // Only some buyers appeal.
        if event == Event::AppealFiled && random.below(2) == 0 {
            continue;
        }
        case.record_step(event, day, now);
        day += random.days(1, gap);
    }
    if random.below(12) == 0 && !case.status().is_closed() {
        let status = random.pick(&[Status::TalkingToSeller, Status::ClosedWithoutRefund]);
        let _ = case.record(day.min(today), Entry::Status { to: status }, now);
    }
    case
}
