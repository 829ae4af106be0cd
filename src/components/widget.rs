use crate::{
    components::{
        assessment::Assessment,
        on_demand::{LoaderContext, OnDemand},
    },
    loader::{Loader, Part},
    settings::{Settings, SettingsContext, View},
};
use forus_model::{i18n::Ui, Lang};
use leptos::prelude::*;

/// The element the host page sees the inside of, so descendants can dispatch events on it.
#[derive(Clone, Copy)]
pub struct HostElement(pub StoredValue<web_sys::EventTarget, LocalStorage>);

/// The root of one `<forus-widget>`: shares the element's settings and shows the chosen view.
#[component]
pub fn Widget(
    /// The element's attributes, resolved; they change live.
    settings: Signal<Settings>,
    /// A language the host asked for whose texts could not be fetched (the widget stays in its language).
    unavailable: Signal<Option<Lang>>,
    /// The `<forus-widget>` element itself.
    host: web_sys::EventTarget,
    /// What the loader lends: language packs and the on-demand module.
    loader: Loader,
) -> impl IntoView {
    provide_context(LoaderContext(StoredValue::new_local(loader)));
    provide_context(SettingsContext(settings));
    provide_context(HostElement(StoredValue::new_local(host)));
    let lang = Memo::new(move |_| settings.with(|s| s.lang));
    // Only a change of view rebuilds the content: a change of language re-labels it in place.
    let view = Memo::new(move |_| settings.with(|s| s.view));
    view! {
        <div class="fw-widget" lang=move || lang.get().code() dir=move || lang.get().dir()>
            {move || unavailable.get().map(|wanted| view! {
                <p class="fw-notice fw-notice--waiting" role="status">
                    {move || Ui::LanguageUnavailable.format(lang.get(), &[("language", &wanted.autonym())])}
                </p>
            })}
            {move || match view.get() {
                View::Assessment => view! { <Assessment /> }.into_any(),
                View::Map => view! { <OnDemand part=Part::Map /> }.into_any(),
            }}
        </div>
    }
}
