//! The questionnaire's texts after the first step. So that the first view downloads less, its language pack
//! carries only the welcome screen's and the first step's texts (`PackKind::Welcome`); the assessment fetches
//! the rest in the language shown once the visitor is on their way: started (the first step takes far longer
//! to answer than the rest takes to arrive), or offered to resume a draft. A visitor who only looks at the
//! welcome screen spends no data on them, as on the results' module (see `loader/forus-widget.js`).

use crate::{
    components::on_demand::LoaderContext,
    effect::effect,
    loader::{retry_when_online, Arrival, Loader},
    settings::use_lang,
};
use forus_model::{pack, Lang};
use leptos::prelude::*;

/// The rest of the texts of the language shown, and how to ask for them again.
#[derive(Clone, Copy)]
pub struct Texts {
    /// Whether the steps after the first can be shown in the language shown.
    pub rest: Signal<Arrival>,
    /// Asks for them again.
    pub retry: Callback<()>,
}

/// Fetches and installs the rest of the texts of the language shown once `wanted`, and whenever the language
/// changes to one without them (a host's language switch waits for a language's whole pack, but may switch back
/// to the first language before its rest arrived).
pub fn fetch_rest_of_texts(wanted: Signal<bool>) -> Texts {
    let shown = use_lang();
    let loader = expect_context::<LoaderContext>().0;
    let rest = RwSignal::new(Arrival::Coming);
    let fetch = move |lang: Lang| {
        rest.set(Arrival::Coming);
        let loader = loader.with_value(Loader::clone);
        leptos::task::spawn_local(async move {
            let installed = loader.install_pack(lang).await;
            // Another language meanwhile: its own fetch says.
            if shown.try_get_untracked() == Some(lang) {
                let _ = rest.try_set(if installed { Arrival::Here } else { Arrival::Failed });
            }
        });
    };
    effect(move || {
        let lang = shown.get();
        if pack::is_complete(lang) {
            rest.set(Arrival::Here);
        } else if wanted.get() {
            fetch(lang);
        }
    });
    // The loader forgot the failed fetch, so this fetches again.
    let retry = Callback::new(move |()| fetch(shown.get_untracked()));
    retry_when_online(rest, move || retry.run(()));
    Texts { rest: rest.into(), retry }
}

#[cfg(test)]
mod tests {
    use forus_model::i18n::Ui;
    use std::{fs, path::Path};

    fn sources(folder: &Path) -> Vec<(String, String)> {
        let mut files = Vec::new();
        for entry in fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files.extend(sources(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                let text = fs::read_to_string(&path).unwrap();
                // A file's tests are not its code.
                let code = text.split("\n#[cfg(test)]\nmod tests").next().unwrap_or_default().to_string();
                files.push((name, code));
            }
        }
        files
    }

    fn names(text: &str, name: &str) -> bool {
        text.match_indices(name)
            .any(|(at, _)| !text[at + name.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_'))
    }

    /// The welcome pack leaves empty the messages only the on-demand modules show (`Ui::SHOWN_ON_DEMAND`), and
    /// the first view's module keeps the first pack's messages: a visitor would see nothing where its code
    /// showed one. Its components are those the custom element (`src/element.rs`) reaches, one naming another
    /// (`<Widget`, `widget::`); every other file of the widget and the model is held to it too.
    #[test]
    fn first_view_names_no_message_its_pack_leaves_out() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let components = sources(&root.join("src/components"));
        let component = |name: &str| name.split('_').map(|w| w[..1].to_uppercase() + &w[1..]).collect::<String>();
        let mut reached = vec![fs::read_to_string(root.join("src/element.rs")).unwrap()];
        let mut first_view: Vec<&str> = Vec::new();
        while let Some(text) = reached.pop() {
            for (name, source) in &components {
                let named = names(&text, &format!("{name}::")) || names(&text, &format!("<{}", component(name)));
                if named && !first_view.contains(&name.as_str()) {
                    first_view.push(name);
                    reached.push(source.clone());
                }
            }
        }
        assert!(first_view.contains(&"welcome") && first_view.contains(&"section_step"), "{first_view:?}");
        assert!(!first_view.contains(&"results") && !first_view.contains(&"consent_step"), "{first_view:?}");

        let on_demand_only = |name: &str| name != "mod" && !first_view.contains(&name);
        let held_to_it = sources(&root.join("src"))
            .into_iter()
            .chain(sources(&root.join("model/src")))
            .filter(|file| !(on_demand_only(&file.0) && components.contains(file)));
        for (name, mut source) in held_to_it {
            if name == "i18n" {
                // The list itself.
                let list = source.find("pub const SHOWN_ON_DEMAND").expect("the list is in i18n.rs");
                let end = list + source[list..].find("];").expect("the list ends");
                source.replace_range(list..end, "");
            }
            assert!(!source.contains("Ui::*") && !source.contains("Ui::{"), "{name}.rs: name messages as `Ui::Name`");
            for ui in Ui::SHOWN_ON_DEMAND {
                assert!(
                    !names(&source, &format!("Ui::{ui:?}")),
                    "{name}.rs shows `Ui::{ui:?}` in the first view, whose pack leaves it out: take it out of \
                     `Ui::SHOWN_ON_DEMAND`"
                );
            }
        }
    }
}
