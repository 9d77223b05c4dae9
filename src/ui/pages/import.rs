//! Import orders from a CSV file: pick the file, check the column mapping the app guessed, see
//! what will happen to each row, import in one transaction, and take the rejected rows away to fix.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use wasm_bindgen_futures::JsFuture;

use crate::domain::case::{Case, CaseId};

use crate::domain::i18n::{tr, trf, trn};
use crate::domain::import::{
    guess_mapping, plan, read_sheet, rejected_csv, summarize, DateOrder, ImportError, Mapping, OnExisting, PlannedRow,
    RowOutcome, Sheet, Summary, Target, MAX_IMPORT_BYTES,
};
use crate::domain::rule_book::platform_choices;
use crate::domain::vocabulary::Problem;
use crate::storage::Settings;
use crate::ui::browser::{download_text, href, new_case_id, now_utc, picked_file, today};
use crate::ui::components::ChoiceSelect;
use crate::ui::state::AppState;

/// Rows shown in the preview before importing.
const PREVIEW_ROWS: usize = 10;
/// Refused rows listed before importing; all of them go into the rows-to-fix file.
const REFUSED_SHOWN: usize = 200;

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Choosing,
    Importing { done: usize, total: usize },
    Done { summary: Summary, rejected: Option<String> },
}

async fn read_file(file: &web_sys::File) -> Result<Sheet, ImportError> {
    if file.size() > MAX_IMPORT_BYTES as f64 {
        return Err(ImportError::TooLarge);
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| ImportError::Unreadable(tr("the browser could not read the file").to_owned()))?;
    read_sheet(&js_sys::Uint8Array::new(&buffer).to_vec())
}

fn outcome_text(outcome: &RowOutcome) -> String {
    match outcome {
        RowOutcome::New(_) => tr("New case").into(),
        RowOutcome::Update { .. } => tr("Updates the case already here").into(),
        RowOutcome::AlreadyHere { .. } => tr("Already here: skipped").into(),
        RowOutcome::RepeatedInFile { first_row } => trf("Same order as row {row}: skipped", &[("row", first_row)]),
        RowOutcome::Rejected(reasons) => reasons.join(" "),
    }
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let state = AppState::expect();
    let sheet = RwSignal::new(None::<Arc<Sheet>>);
    let file_name = RwSignal::new(String::new());
    let mapping = RwSignal::new(None::<Mapping>);
    let on_existing = RwSignal::new(OnExisting::Skip);
    let phase = RwSignal::new(Phase::Choosing);
    let problem = RwSignal::new(None::<String>);
    let planned = Memo::new(move |_| {
        let (Some(sheet), Some(mapping)) = (sheet.get(), mapping.get()) else { return Arc::new(Vec::new()) };
        Arc::new(state.cases.with(|cases| plan(&sheet, &mapping, cases, on_existing.get(), today())))
    });
    let summary = Memo::new(move |_| summarize(&planned.get()));

    let on_pick = move |event: leptos::ev::Event| {
        let Some(file) = picked_file(&event) else { return };
        spawn_local(async move {
            problem.set(None);
            phase.set(Phase::Choosing);
            match read_file(&file).await {
                Ok(read) => {
                    mapping.set(Some(guess_mapping(&read, &Settings::load().currency)));
                    file_name.set(file.name());
                    sheet.set(Some(Arc::new(read)));
                }
                Err(error) => {
                    sheet.set(None);
                    mapping.set(None);
                    problem.set(Some(error.to_string()));
                }
            }
        });
    };

    let start_import = move |_| {
        let Some(sheet) = sheet.get_untracked() else { return };
        let rows = planned.get_untracked();
        let (today, now) = (today(), now_utc());
        let cases: Vec<Case> = state.cases.with_untracked(|here| {
            let here: HashMap<&CaseId, &Case> = here.iter().map(|case| (&case.id, case)).collect();
            rows.iter()
                .filter_map(|row| match &row.outcome {
                    RowOutcome::New(details) => Some(Case::new(new_case_id(), details.clone(), now)),
                    RowOutcome::Update { id, details } => {
                        here.get(id).map(|case| case.edited(details.clone(), case.status(), today, now))
                    }
                    _ => None,
                })
                .collect()
        });
        let total = cases.len();
        let rejected = (summary.get_untracked().rejected > 0).then(|| rejected_csv(&sheet, &rows));
        phase.set(Phase::Importing { done: 0, total });
        problem.set(None);
        spawn_local(async move {
            let outcome = state.save_many(cases, move |done| phase.set(Phase::Importing { done, total })).await;
            match outcome {
                Ok(()) => phase.set(Phase::Done { summary: summarize(&rows), rejected }),
                Err(error) => {
                    phase.set(Phase::Choosing);
                    problem.set(Some(trf("Nothing was imported. {error}", &[("error", &error)])));
                }
            }
        });
    };

    view! {
        <h1>{tr("Import orders from a spreadsheet")}</h1>
        <p class="lead">{tr("Export your orders as a CSV file (from your order tool, or with \"Save as CSV\" in a spreadsheet) and bring them in at once. Nothing is imported until you have checked it.")}</p>
        <section class="card">
            <label class="button">
                {tr("Choose a CSV file")}
                <input id="import-file" class="visually-hidden" type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" on:change=on_pick />
            </label>
            {move || problem.get().map(|message| view! { <p class="notice danger" role="alert">{message}</p> })}
        </section>
        {move || match (phase.get(), sheet.get()) {
            (Phase::Done { summary, rejected }, _) => view! { <ImportReport summary rejected file_name=file_name.get_untracked() /> }.into_any(),
            (Phase::Importing { done, total }, _) => view! {
                <section class="card" aria-live="polite">
                    <label for="import-progress">{trf("Importing… {done} of {total}", &[("done", &done), ("total", &total)])}</label>
                    <progress id="import-progress" max=total value=done></progress>
                </section>
            }.into_any(),
            (Phase::Choosing, Some(read)) => view! {
                <MappingForm sheet=read.clone() file_name mapping on_existing />
                <section class="card import-preview">
                    <h2>{tr("What will happen")}</h2>
                    <p class="import-summary">{move || {
                        let Summary { new, updated, already_here, repeated, rejected } = summary.get();
                        [
                            trn("{count} new case", "{count} new cases", new),
                            trn("{count} update", "{count} updates", updated),
                            trf("{count} already here", &[("count", &already_here)]),
                            trf("{count} repeated in the file", &[("count", &repeated)]),
                            trn("{count} row with problems", "{count} rows with problems", rejected),
                        ]
                        .join(" · ")
                    }}</p>
                    <PreviewTable rows=planned sheet=read mapping />
                    <RefusedRows rows=planned />
                    <div class="actions">
                        <button type="button" class="button primary"
                            disabled=move || { let s = summary.get(); s.new + s.updated == 0 }
                            on:click=start_import>
                            {move || { let s = summary.get(); trn("Import {count} order", "Import {count} orders", s.new + s.updated) }}
                        </button>
                    </div>
                </section>
            }.into_any(),
            (Phase::Choosing, None) => ().into_any(),
        }}
    }
}

#[component]
fn MappingForm(
    sheet: Arc<Sheet>,
    file_name: RwSignal<String>,
    mapping: RwSignal<Option<Mapping>>,
    on_existing: RwSignal<OnExisting>,
) -> impl IntoView {
    let update = move |change: Box<dyn FnOnce(&mut Mapping)>| {
        mapping.update(|mapping| {
            if let Some(mapping) = mapping {
                change(mapping);
            }
        })
    };
    let row_count = sheet.rows.len();
    let first_row = sheet.rows.first().map(|(_, cells)| cells.clone()).unwrap_or_default();
    let chosen = move |test: &dyn Fn(&Mapping) -> bool| mapping.with(|mapping| mapping.as_ref().is_some_and(test));
    view! {
        <section class="card">
            <h2>{tr("Match the columns")}</h2>
            <p>{move || trf("{file}: {rows} found.", &[("file", &file_name.get()), ("rows", &trn("{count} row", "{count} rows", row_count))])}</p>
            {sheet.encoding.note().map(|note| view! { <p class="notice" role="status">{note}</p> })}
            <p class="hint">{tr("The app guessed which column holds what. Correct any guess; columns set to \"Not imported\" are left out.")}</p>
            <div class="table-scroll">
                <table class="mapping">
                    <thead><tr><th scope="col">{tr("Column in the file")}</th><th scope="col">{tr("First row")}</th><th scope="col">{tr("Goes into")}</th></tr></thead>
                    <tbody>
                        {sheet.header.iter().enumerate().map(|(at, name)| {
                            let id = format!("column-{at}");
                            let sample = first_row.get(at).cloned().unwrap_or_default();
                            view! {
                                <tr>
                                    <th scope="row"><label for=id.clone()>{name.clone()}</label></th>
                                    <td class="sample">{sample}</td>
                                    <td>
                                        <select id=id on:change=move |event| {
                                            let chosen = Target::from_key(&event_target_value(&event));
                                            update(Box::new(move |mapping| {
                                                // One column per field: choosing a field here takes it from any other column.
                                                for column in mapping.columns.iter_mut().filter(|column| chosen.is_some() && **column == chosen) {
                                                    *column = None;
                                                }
                                                mapping.columns[at] = chosen;
                                            }));
                                        }>
                                            <option value="" selected=move || chosen(&|m| m.columns[at].is_none())>{tr("Not imported")}</option>
                                            {Target::ALL.iter().map(|target| view! {
                                                <option value=target.key() selected=move || chosen(&|m| m.columns[at] == Some(*target))>{tr(target.label())}</option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="import-date-order">{tr("Dates like 03/10/2026 mean")}</label>
                    <select id="import-date-order" on:change=move |event| {
                        let order = if event_target_value(&event) == "month" { DateOrder::MonthFirst } else { DateOrder::DayFirst };
                        update(Box::new(move |mapping| mapping.date_order = order));
                    }>
                        <option value="day" selected=move || chosen(&|m| m.date_order == DateOrder::DayFirst)>{tr("3 October (day first)")}</option>
                        <option value="month" selected=move || chosen(&|m| m.date_order == DateOrder::MonthFirst)>{tr("March 10 (month first)")}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="import-platform">{tr("Platform, where the file does not say")}</label>
                    <select id="import-platform" on:change=move |event| {
                        let platform = event_target_value(&event);
                        update(Box::new(move |mapping| mapping.platform = platform));
                    }>
                        {platform_choices(None).into_iter().map(|(key, name)| {
                            let this = key.clone();
                            view! { <option value=key selected=move || chosen(&|m| m.platform == this)>{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="field-row">
                <ChoiceSelect id="import-problem" label=tr("Problem, where the file does not say") choices=Problem::ALL
                    key=Problem::key name=|problem: Problem| tr(problem.label())
                    current=Signal::derive(move || mapping.with(|m| m.as_ref().map(|m| m.problem)))
                    set=Callback::new(move |chosen: Option<Problem>| if let Some(problem) = chosen {
                        update(Box::new(move |mapping| mapping.problem = problem));
                    }) />
                <div class="field">
                    <label for="import-currency">{tr("Currency, where the file does not say")}</label>
                    <input id="import-currency" type="text" maxlength="3" autocomplete="off"
                        prop:value=move || mapping.with(|m| m.as_ref().map(|m| m.currency.clone()).unwrap_or_default())
                        on:change=move |event| {
                            let currency = event_target_value(&event).trim().to_uppercase();
                            update(Box::new(move |mapping| mapping.currency = currency));
                        } />
                </div>
            </div>
            <fieldset class="inline-choices">
                <legend>{tr("Orders you already have (same platform and order number)")}</legend>
                {[(OnExisting::Skip, tr("Skip them")), (OnExisting::Update, tr("Update them with the file's columns"))].into_iter().map(|(choice, label)| view! {
                    <label class="radio">
                        <input type="radio" name="on-existing" prop:checked=move || on_existing.get() == choice on:change=move |_| on_existing.set(choice) />
                        {label}
                    </label>
                }).collect_view()}
            </fieldset>
        </section>
    }
}

#[component]
fn PreviewTable(
    rows: Memo<Arc<Vec<PlannedRow>>>,
    sheet: Arc<Sheet>,
    mapping: RwSignal<Option<Mapping>>,
) -> impl IntoView {
    let cell = move |cells: &[String], target: Target| {
        mapping.with_untracked(|mapping| {
            mapping
                .as_ref()
                .and_then(|m| m.columns.iter().position(|column| *column == Some(target)))
                .and_then(|at| cells.get(at))
                .cloned()
        })
    };
    view! {
        <div class="table-scroll">
            <table class="preview">
                <caption>{trf("The first {count} rows", &[("count", &PREVIEW_ROWS.min(sheet.rows.len()))])}</caption>
                <thead><tr><th scope="col">{tr("Row")}</th><th scope="col">{tr("Order")}</th><th scope="col">{tr("Item")}</th><th scope="col">{tr("What happens")}</th></tr></thead>
                <tbody>
                    {move || rows.get().iter().zip(&sheet.rows).take(PREVIEW_ROWS).map(|(row, (_, cells))| {
                        let rejected = matches!(row.outcome, RowOutcome::Rejected(_));
                        view! {
                            <tr class=if rejected { "rejected" } else { "" }>
                                <td>{row.row_number}</td>
                                <td>{cell(cells, Target::OrderNumber).unwrap_or_default()}</td>
                                <td>{cell(cells, Target::Item).unwrap_or_default()}</td>
                                <td>{outcome_text(&row.outcome)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Every refused row with its reasons (the preview shows only the first rows of the file).
#[component]
fn RefusedRows(rows: Memo<Arc<Vec<PlannedRow>>>) -> impl IntoView {
    move || {
        let rows = rows.get();
        let refused: Vec<(usize, String)> = rows
            .iter()
            .filter_map(|row| match &row.outcome {
                RowOutcome::Rejected(reasons) => Some((row.row_number, reasons.join(" "))),
                _ => None,
            })
            .collect();
        (!refused.is_empty()).then(|| {
            let total = refused.len();
            view! {
                <details class="refused-rows">
                    <summary>{trn("See the {count} row with problems", "See the {count} rows with problems", total)}</summary>
                    <ul>
                        {refused.into_iter().take(REFUSED_SHOWN).map(|(row, reasons)| view! {
                            <li>{trf("Row {row}: {reasons}", &[("row", &row), ("reasons", &reasons)])}</li>
                        }).collect_view()}
                    </ul>
                    {(total > REFUSED_SHOWN).then(|| view! {
                        <p class="hint">{trf("And {count} more: after the import, download them all as a CSV.", &[("count", &(total - REFUSED_SHOWN))])}</p>
                    })}
                </details>
            }
        })
    }
}

#[component]
fn ImportReport(summary: Summary, rejected: Option<String>, file_name: String) -> impl IntoView {
    let Summary { new, updated, already_here, repeated, rejected: rejected_count } = summary;
    let problem = RwSignal::new(None::<String>);
    let fix_name = format!("{}-to-fix.csv", file_name.trim_end_matches(".csv"));
    view! {
        <section class="card import-report" role="status">
            <h2>{tr("Import finished")}</h2>
            <ul>
                <li>{trf("Imported {new} and updated {updated}.", &[("new", &trn("{count} new case", "{count} new cases", new)), ("updated", &trn("{count} case", "{count} cases", updated))])}</li>
                {(already_here > 0).then(|| view! { <li>{trn("Skipped {count} order: already here.", "Skipped {count} orders: already here.", already_here)}</li> })}
                {(repeated > 0).then(|| view! { <li>{trn("Skipped {count} row: the same order appears earlier in the file.", "Skipped {count} rows: the same order appears earlier in the file.", repeated)}</li> })}
                {(rejected_count > 0).then(|| view! { <li>{trn("Not imported: {count} row with problems.", "Not imported: {count} rows with problems.", rejected_count)}</li> })}
            </ul>
            {rejected.map(|text| view! {
                <p>{tr("Download those rows with the reason for each, fix them in your spreadsheet, and import that file.")}</p>
                <button type="button" class="button" on:click=move |_| {
                    if let Err(error) = download_text(&fix_name, "text/csv", &text) {
                        problem.set(Some(trf("The file could not be offered for download ({error}).", &[("error", &error)])));
                    }
                }>{tr("Download the rows to fix (CSV)")}</button>
            })}
            {move || problem.get().map(|message| view! { <p class="notice danger" role="alert">{message}</p> })}
            <p><A href=href("/")>{tr("See your cases")}</A></p>
        </section>
    }
}
