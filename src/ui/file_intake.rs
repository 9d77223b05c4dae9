//! Reading a file the buyer attaches: in slices, so a 500 MB video shows its progress and the page
//! stays responsive, into one JavaScript buffer (never into wasm memory), then hashed by the
//! browser's WebCrypto, which works off the main thread.

use js_sys::Uint8Array;
use leptos::prelude::{expect_context, provide_context, RwSignal, Update, WithUntracked};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::domain::case::CaseId;
use crate::domain::evidence::{check_file, duplicate_of, hex, EvidenceItem, FileRejected};
use crate::domain::i18n::tr;
use crate::domain::proof::Proof;
use crate::ui::browser::{new_uuid, now_utc};
use crate::ui::state::AppState;

/// One file on its way into a case's evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Intake {
    pub id: String,
    pub case_id: CaseId,
    pub name: String,
    /// Fraction read, then hashed and saved.
    pub done: f64,
    pub phase: &'static str,
    pub problem: Option<String>,
}

impl Intake {
    pub fn new(id: String, case_id: CaseId, name: String, phase: &'static str) -> Self {
        Self { id, case_id, name, done: 0.0, phase, problem: None }
    }
}

/// The files on their way into a case's evidence. The queue is the app's, not the locker's: the
/// buyer may open another part of the case (or another case) while a large video is kept, and
/// find its progress on coming back.
#[derive(Clone, Copy)]
pub struct IntakeQueue(pub RwSignal<Vec<Intake>>);

impl IntakeQueue {
    pub fn provide() {
        provide_context(IntakeQueue(RwSignal::new(Vec::new())));
    }

    pub fn expect() -> Self {
        expect_context::<Self>()
    }
}

const SLICE_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

fn js_error(error: JsValue) -> String {
    error
        .as_string()
        .or_else(|| js_sys::JSON::stringify(&error).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| tr("unknown error").to_owned())
}

/// The SHA-256 of `blob` as lowercase hex; `progress` hears the fraction read so far.
pub async fn sha256_of(blob: &web_sys::Blob, progress: impl Fn(f64)) -> Result<String, String> {
    let size = blob.size();
    let buffer = Uint8Array::new_with_length(size as u32);
    let mut offset = 0.0;
    while offset < size {
        let end = (offset + SLICE_BYTES).min(size);
        let slice = blob.slice_with_f64_and_f64(offset, end).map_err(js_error)?;
        let bytes =
            JsFuture::from(slice.array_buffer()).await.map_err(|_| tr("the file could not be read").to_owned())?;
        buffer.set(&Uint8Array::new(&bytes), offset as u32);
        offset = end;
        progress(offset / size);
    }
    let subtle = web_sys::window().ok_or("no window")?.crypto().map_err(js_error)?.subtle();
    let digest = subtle.digest_with_str_and_buffer_source("SHA-256", &buffer).map_err(js_error)?;
    let digest = JsFuture::from(digest).await.map_err(js_error)?;
    Ok(hex(&Uint8Array::new(&digest).to_vec()))
}

/// Takes files in, one after the other, so two large videos never sit in memory at once, showing
/// each in the `queue`. `state` and `queue` are passed in: a window listener runs outside the
/// component tree, where context is not. Resolves once every file is in (or refused), to whether
/// each was kept.
pub async fn take_in(
    state: AppState,
    IntakeQueue(queue): IntakeQueue,
    case_id: CaseId,
    files: Vec<web_sys::File>,
    proves: Option<Proof>,
) -> Vec<bool> {
    let mut batch = Vec::new();
    let mut kept = Vec::new();
    for file in files {
        let name = file.name();
        let id = new_uuid();
        batch.push(id.clone());
        queue.update(|queue| queue.push(Intake::new(id.clone(), case_id.clone(), name.clone(), tr("Reading"))));
        let set = move |change: &dyn Fn(&mut Intake)| {
            queue.update(|queue| {
                if let Some(intake) = queue.iter_mut().find(|intake| intake.id == id) {
                    change(intake)
                }
            })
        };
        let outcome: Result<(), String> = async {
            check_file(&name, &file.type_(), file.size() as u64).map_err(|e| e.to_string())?;
            let sha256 = sha256_of(&file, |done| set(&|intake| intake.done = done)).await?;
            let duplicate = state.evidence.with_untracked(|items| {
                duplicate_of(items, &case_id, &sha256)
                    .map(|existing| FileRejected::Duplicate { name: name.clone(), existing: existing.name.clone() })
            });
            if let Some(duplicate) = duplicate {
                return Err(duplicate.to_string());
            }
            set(&|intake| intake.phase = tr("Saving"));
            let item = EvidenceItem {
                id: new_uuid(),
                case_id: case_id.clone(),
                name: name.chars().take(255).collect(),
                mime: file.type_(),
                size: file.size() as u64,
                added_at: now_utc(),
                caption: String::new(),
                proves,
                sha256,
            };
            state.add_evidence(item, &file).await.map_err(|e| e.to_string())
        }
        .await;
        kept.push(outcome.is_ok());
        match outcome {
            Ok(()) => set(&|intake| intake.phase = tr("Kept")),
            Err(problem) => set(&|intake| intake.problem = Some(problem.clone())),
        }
    }
    // Finished files leave the queue; the ones that failed stay, with their reason.
    queue.update(|queue| queue.retain(|intake| intake.problem.is_some() || !batch.contains(&intake.id)));
    kept
}
