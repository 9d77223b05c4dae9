//! What the phone's share sheet sent the installed app, kept by the service worker (public/sw.js)
//! in its inbox cache until the buyer decides where it goes: files for a case's evidence, text for
//! the paste reader. Entries leave the inbox only once they are used or discarded.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::error::js_failure;
use super::StorageError;

/// The service worker's name for it.
const INBOX: &str = "dispute-desk-inbox";

/// One thing shared: its place in the inbox (to forget it once used) and what it is.
#[derive(Clone, Debug)]
pub struct Shared {
    pub place: String,
    pub what: SharedKind,
}

#[derive(Clone, Debug)]
pub enum SharedKind {
    Text(String),
    File(web_sys::File),
}

async fn inbox() -> Result<web_sys::Cache, StorageError> {
    let caches = web_sys::window().ok_or(StorageError::Unavailable)?.caches().map_err(|_| StorageError::Unavailable)?;
    let cache = JsFuture::from(caches.open(INBOX)).await.map_err(js_failure)?;
    cache.dyn_into().map_err(js_failure)
}

/// Everything waiting in the inbox, oldest first.
pub async fn shared_items() -> Result<Vec<Shared>, StorageError> {
    let inbox = inbox().await?;
    let requests: js_sys::Array = JsFuture::from(inbox.keys()).await.map_err(js_failure)?.unchecked_into();
    let mut items = Vec::new();
    for request in requests.iter() {
        let request: web_sys::Request = request.unchecked_into();
        let Ok(response) = JsFuture::from(inbox.match_with_request(&request)).await else { continue };
        let Ok(response) = response.dyn_into::<web_sys::Response>() else { continue };
        let place = request.url();
        let headers = response.headers();
        let what = if place.ends_with("/text") {
            let text = JsFuture::from(response.text().map_err(js_failure)?).await.map_err(js_failure)?;
            SharedKind::Text(text.as_string().unwrap_or_default())
        } else {
            let name = headers.get("x-file-name").ok().flatten().unwrap_or_default();
            let name = js_sys::decode_uri_component(&name).ok().and_then(|name| name.as_string()).unwrap_or(name);
            let kind = headers.get("content-type").ok().flatten().unwrap_or_default();
            let blob = JsFuture::from(response.blob().map_err(js_failure)?).await.map_err(js_failure)?;
            let options = web_sys::FilePropertyBag::new();
            options.set_type(&kind);
            let file = web_sys::File::new_with_blob_sequence_and_options(&js_sys::Array::of1(&blob), &name, &options)
                .map_err(js_failure)?;
            SharedKind::File(file)
        };
        items.push(Shared { place, what });
    }
    Ok(items)
}

/// Takes one thing out of the inbox, once it has been used or discarded.
pub async fn forget_shared(place: &str) -> Result<(), StorageError> {
    JsFuture::from(inbox().await?.delete_with_str(place)).await.map_err(js_failure)?;
    Ok(())
}
