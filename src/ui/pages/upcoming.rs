//! Every deadline of every case, grouped into overdue, today, this week and later.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::domain::abilities::reminders_status;
use crate::domain::case::CaseId;
use crate::domain::deadline::Deadline;
use crate::domain::i18n::day_text;
use crate::domain::i18n::{tr, trf};
use crate::domain::ics::cases_calendar;
use crate::domain::overview::{upcoming, UpcomingItem, When};
use crate::storage::Settings;
use crate::ui::abilities::use_abilities;
use crate::ui::browser::{buyer_zone, download_text, href};
use crate::ui::components::{state_class, Countdown, MoreRows, PAGE};
use crate::ui::reminders::{ask_permission, use_reminders};
use crate::ui::routes::case_path;
use crate::ui::state::{AppState, Loading};
use crate::ui::use_now::use_minute;

/// What one line of the list shows, copied out of its case.
#[derive(Clone, PartialEq)]
struct Line {
    id: CaseId,
    title: String,
    summary: String,
    deadline: Deadline,
    when: When,
}

impl From<&UpcomingItem<'_>> for Line {
    fn from(item: &UpcomingItem) -> Self {
        let case = item.case;
        Self {
            id: case.id.clone(),
            title: case.title().to_owned(),
            summary: trf(
                "Order {order} · {who}",
                &[("order", &case.details.order_number), ("who", &item.deadline.kind.party().must_act())],
            ),
            deadline: item.deadline.clone(),
            when: item.when,
        }
    }
}

#[component]
pub fn Upcoming() -> impl IntoView {
    let state = AppState::expect();
    let minute = use_minute();
    let items = Memo::new(move |_| {
        state.cases.with(|cases| {
            state.chains.with(|chains| {
                upcoming(cases, chains, &buyer_zone(), minute.get()).iter().map(Line::from).collect::<Vec<_>>()
            })
        })
    });
    let shown = RwSignal::new(PAGE);
    view! {
        <h1>{tr("Upcoming deadlines")}</h1>
        {move || match (state.loading.get(), items.with(Vec::is_empty)) {
            (Loading::Pending, _) => view! { <p class="loading">{tr("Loading your cases…")}</p> }.into_any(),
            (_, true) => view! {
                <section class="card empty"><p>{tr("No deadline is running. Deadlines appear here once a case has dates.")}</p></section>
            }.into_any(),
            (_, false) => When::ALL.into_iter().filter_map(|when| {
                let group: Vec<_> = items.with(|items| items.iter().take(shown.get()).filter(|item| item.when == when).cloned().collect());
                (!group.is_empty()).then(|| view! {
                    <section class="upcoming-group" aria-labelledby=format!("when-{when:?}")>
                        <h2 id=format!("when-{when:?}")>{tr(when.label())}</h2>
                        <ul class="case-list">
                            {group.into_iter().map(|Line { id, title, summary, deadline, .. }| {
                                let target = case_path(&id);
                                view! {
                                    <li class=format!("case-row {}", state_class(deadline.state))>
                                        <A href=href(&target) attr:class="case-link">
                                            <span class="badge">{tr(deadline.state.label())}</span>
                                            <span class="case-title">{title}</span>
                                        </A>
                                        <p class="row-summary">{summary}</p>
                                        <p class="row-deadline">
                                            {format!("{}: {}", tr(deadline.kind.label()), day_text(deadline.last_day))}" · "
                                            <Countdown due=deadline.due />
                                        </p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })
            }).collect_view().into_any(),
        }}
        <MoreRows shown total=Signal::derive(move || items.with(Vec::len)) />
        <Reminders />
    }
}

/// Turning reminders on asks the browser for permission; turning them off never asks anything.
/// Where the browser cannot remind the buyer while the app is closed, it says so, next to the
/// calendar file that can.
#[component]
fn Reminders() -> impl IntoView {
    let state = AppState::expect();
    let minute = use_minute();
    let reminders = use_reminders();
    let refused = RwSignal::new(None::<&'static str>);
    let toggle = move |event: leptos::ev::Event| {
        let wanted = event_target_checked(&event);
        spawn_local(async move {
            let granted = !wanted || ask_permission().await;
            let on = wanted && granted;
            let saved = Settings { reminders: on, ..Settings::load() }.save();
            reminders.on.set(on && saved.is_ok());
            refused.set(match (granted, saved) {
                (_, Err(_)) => Some(tr("The setting could not be saved in this browser.")),
                (false, _) => Some(tr("Your browser blocked notifications for this site. Allow them in the site settings, then try again.")),
                (true, Ok(())) => None,
            });
        });
    };
    let abilities = use_abilities();
    let status =
        move || abilities.found.with(|found| reminders_status(found, reminders.on.get(), reminders.while_closed.get()));
    let cannot_notify = move || !abilities.found.with(|found| found.notifications);
    let export_error = RwSignal::new(None::<String>);
    let export_all = move |_| {
        let now = minute.get_untracked();
        let text = state.cases.with_untracked(|cases| cases_calendar(cases, &buyer_zone(), now));
        export_error.set(download_text("dispute-desk-deadlines.ics", "text/calendar", &text).err());
    };
    view! {
        <div class="card reminders">
            <label class="checkbox">
                <input type="checkbox" prop:checked=move || reminders.on.get() prop:disabled=cannot_notify on:change=toggle />
                " "{tr("Remind me with a browser notification 2 days and 1 day before each deadline")}
            </label>
            {move || refused.get().or_else(status).map(|text| view! { <p class="hint" role="status">{text}</p> })}
            <div class="actions">
                <button type="button" class="button" on:click=export_all>{tr("Add all deadlines to my calendar (.ics)")}</button>
            </div>
            {move || export_error.get().map(|error| view! {
                <div class="notice danger" role="alert">{trf("The calendar file could not be made ({error}). Try again.", &[("error", &error)])}</div>
            })}
        </div>
    }
}
