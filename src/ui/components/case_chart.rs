//! Where the cases stand, as two small bar charts: by status (each bar filters the list) and by
//! the week their most urgent deadline closes.

use leptos::prelude::*;

use crate::domain::i18n::{tr, trf};
use crate::domain::worklist::{Bar, Chart, Filter, WEEKS_SHOWN};
use crate::ui::browser::today;

/// One bar's length in the chart's own units (the SVG is scaled to the space it has).
fn bar_width(count: usize, largest: usize) -> String {
    format!("{:.1}", 100.0 * count as f64 / largest.max(1) as f64)
}

/// A week bar's name: weeks from today, as [`Chart::by_week`] counts them.
fn week_label(week: i64, today: chrono::NaiveDate) -> String {
    match week {
        -1 => tr("Passed").to_owned(),
        0 => tr("Next 7 days").to_owned(),
        WEEKS_SHOWN => tr("Later").to_owned(),
        _ => trf("From {day}", &[("day", &(today + chrono::Duration::weeks(week)).format("%-d %b"))]),
    }
}

fn largest<K>(bars: &[Bar<K>]) -> usize {
    bars.iter().map(|bar| bar.count).max().unwrap_or(0)
}

fn bar_svg(count: usize, largest: usize) -> impl IntoView {
    view! {
        <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect x="0" y="0" height="10" width=bar_width(count, largest) />
        </svg>
    }
}

#[component]
pub fn CaseChart(picture: Memo<Chart>, filter: RwSignal<Filter>) -> impl IntoView {
    view! {
        <section class="card case-chart" aria-labelledby="chart-title">
            <h2 id="chart-title" class="visually-hidden">{tr("Cases at a glance")}</h2>
            <div class="chart-group">
                <h3>{tr("By status")}</h3>
                <ul>
                    {move || picture.with(|chart| {
                        let most = largest(&chart.by_status);
                        chart.by_status.iter().map(|bar| {
                            let status = bar.key;
                            let pressed = move || filter.with(|f| f.status == Some(status));
                            view! {
                                <li>
                                    <button type="button" class="chart-row" aria-pressed=move || pressed().to_string()
                                        on:click=move |_| filter.update(|f| f.status = if f.status == Some(status) { None } else { Some(status) })>
                                        <span class="chart-label">{tr(status.label())}</span>
                                        {bar_svg(bar.count, most)}
                                        <span class="chart-count">{bar.count}</span>
                                    </button>
                                </li>
                            }
                        }).collect_view()
                    })}
                </ul>
            </div>
            <div class="chart-group">
                <h3>{tr("Deadlines by week")}</h3>
                <ul>
                    {move || picture.with(|chart| {
                        let most = largest(&chart.by_week);
                        chart.by_week.iter().map(|bar| view! {
                            <li class=if bar.key < 0 { "chart-row passed" } else { "chart-row" }>
                                <span class="chart-label">{week_label(bar.key, today())}</span>
                                {bar_svg(bar.count, most)}
                                <span class="chart-count">{bar.count}</span>
                            </li>
                        }).collect_view()
                    })}
                </ul>
            </div>
        </section>
    }
}
