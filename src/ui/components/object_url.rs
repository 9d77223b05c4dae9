//! A stored file shown in the page through an object URL that lives only as long as its view.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ui::state::AppState;

/// An object URL for a stored file, revoked when the component that asked for it goes away.
pub fn use_object_url(id: String) -> RwSignal<Option<String>> {
    let state = AppState::expect();
    let url = RwSignal::new(None::<String>);
    spawn_local(async move {
        if let Ok(Some(blob)) = state.evidence_bytes(&id).await {
            if let Ok(object_url) = web_sys::Url::create_object_url_with_blob(&blob) {
                url.set(Some(object_url));
            }
        }
    });
    on_cleanup(move || {
        if let Some(object_url) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&object_url);
        }
    });
    url
}
