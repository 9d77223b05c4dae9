//! Reading a file the buyer attaches: in slices, so a 500 MB video shows its progress and the page
//! stays responsive, into one JavaScript buffer (never into wasm memory), then hashed by the
//! browser's WebCrypto, which works off the main thread.

use js_sys::Uint8Array;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::domain::case::CaseId;
use crate::domain::evidence::hex;
use crate::domain::i18n::tr;

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
