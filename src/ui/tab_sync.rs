//! The app's tabs tell each other what they wrote, over a BroadcastChannel, so that each reads
//! it back from storage and shows what the others saved. Where the browser has no channel,
//! each tab shows only its own changes until it is reloaded.

use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

use crate::domain::case::CaseId;

const CHANNEL: &str = "dispute-desk";
const EVERYTHING: &str = "all";
const EVIDENCE: &str = "evidence";
const CASE_PREFIX: &str = "case:";

/// What a tab wrote.
#[derive(Clone, Debug, PartialEq)]
pub enum Written {
    Case(CaseId),
    Evidence,
    /// Many cases at once (an import, a restore): every tab reads everything again.
    Everything,
}

impl Written {
    fn message(&self) -> String {
        match self {
            Written::Case(id) => format!("{CASE_PREFIX}{id}"),
            Written::Evidence => EVIDENCE.to_owned(),
            Written::Everything => EVERYTHING.to_owned(),
        }
    }

    /// What another tab's message says; one this tab does not know (a newer version's) means
    /// everything, read again.
    fn read(message: &str) -> Self {
        match message.strip_prefix(CASE_PREFIX) {
            Some(id) => Written::Case(CaseId::new(id)),
            None if message == EVIDENCE => Written::Evidence,
            None => Written::Everything,
        }
    }
}

#[derive(Clone, Copy)]
pub struct TabSync {
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
}

impl TabSync {
    pub fn open() -> Self {
        TabSync { channel: StoredValue::new_local(web_sys::BroadcastChannel::new(CHANNEL).ok()) }
    }

    pub fn announce(self, written: &Written) {
        if let Some(channel) = self.channel.get_value() {
            let _ = channel.post_message(&written.message().into());
        }
    }

    /// Hears what the other tabs write, for as long as the page lives.
    pub fn listen(self, on_written: impl Fn(Written) + 'static) {
        let Some(channel) = self.channel.get_value() else { return };
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if let Some(message) = event.data().as_string() {
                on_written(Written::read(&message));
            }
        });
        channel.set_onmessage(Some(on_message.into_js_value().unchecked_ref()));
    }
}
