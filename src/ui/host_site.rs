//! The host's own file beside index.html, `site.json` (read by src/domain/site.rs): fetched once
//! as the app starts, its marketplaces published to the core, the whole of it shared with the
//! header (the organisation and its help link), the forms and the host check page. The build
//! ships one with no settings, which a host replaces with theirs; a host who removed it answers
//! 404, which is normal. The service worker keeps the last good copy for offline use.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::rule_book::publish;
use crate::domain::site::Marketplace;
use crate::domain::site::{read_site, too_large, unreadable, Site, MOST_BYTES};
use crate::ui::components::split_fn;

/// The host's file as read; empty until it has arrived (or when there is none).
#[derive(Clone, Copy)]
pub struct HostSite(pub RwSignal<Site>);

/// Only the host's marketplaces, which change what deadlines and platform choices are: nothing
/// that follows them is worked out again when the file arrives without any (most hosts). A signal,
/// not a memo of the site: a memo nobody has read yet does not tell those who only track it.
#[derive(Clone, Copy)]
pub struct HostMarketplaces(pub ReadSignal<Vec<Marketplace>>);

pub fn use_host_site() -> RwSignal<Site> {
    expect_context::<HostSite>().0
}

pub fn use_host_marketplaces() -> ReadSignal<Vec<Marketplace>> {
    expect_context::<HostMarketplaces>().0
}

pub fn provide_host_site() {
    let site = RwSignal::new(Site::default());
    provide_context(HostSite(site));
    let (marketplaces, set_marketplaces) = signal(Vec::new());
    provide_context(HostMarketplaces(marketplaces));
    spawn_local(async move {
        let read = fetch_site().await;
        publish(read.marketplaces.clone());
        if !read.marketplaces.is_empty() {
            set_marketplaces.set(read.marketplaces.clone());
        }
        site.set(read);
    });
}

// The reader, in its own wasm chunk: most hosts have no settings, and their buyers never download it.
split_fn!(
    SiteReader,
    fn read_in_chunk(bytes: Vec<u8>) -> Site {
        read_site(&bytes)
    }
);

/// The host's settings in `bytes`. The file the build ships holds none (`{}`), and needs no reader.
async fn read_settings(bytes: Vec<u8>) -> Site {
    if bytes.trim_ascii() == b"{}" {
        return Site::default();
    }
    read_in_chunk(bytes)
        .await
        .unwrap_or_else(|_| unreadable("The part of Dispute Desk that reads the file could not be downloaded.".into()))
}

async fn fetch_site() -> Site {
    let Some(window) = web_sys::window() else { return Site::default() };
    let init = web_sys::RequestInit::new();
    // Asks the host each time, so a change reaches buyers on their next visit.
    init.set_cache(web_sys::RequestCache::NoCache);
    let Ok(response) = JsFuture::from(window.fetch_with_str_and_init("site.json", &init)).await else {
        // Offline on a first visit: the app works without it.
        return Site::default();
    };
    let Ok(response) = response.dyn_into::<web_sys::Response>() else { return Site::default() };
    let claimed =
        response.headers().get("content-length").ok().flatten().and_then(|length| length.parse::<usize>().ok());
    if let Some(length) = claimed.filter(|length| *length > MOST_BYTES) {
        return too_large(length);
    }
    match response.status() {
        404 => Site::default(),
        200 => match response.array_buffer() {
            Ok(promise) => match JsFuture::from(promise).await {
                Ok(buffer) => read_settings(js_sys::Uint8Array::new(&buffer).to_vec()).await,
                Err(error) => unreadable(format!("The file could not be read ({error:?}).")),
            },
            Err(error) => unreadable(format!("The file could not be read ({error:?}).")),
        },
        status => unreadable(format!("The host answered HTTP {status} for site.json.")),
    }
}
