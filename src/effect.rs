//! Effects, built the one way.

use leptos::prelude::Effect;

/// `Effect::new(move |_| run())`, with `run` boxed. Leptos builds an effect's loop (a future that waits for a
/// change, then runs the closure) once per closure type; boxed, every effect shares one loop. Measured: the
/// first view 179.8 to 179.1 KB brotli, for the same effects.
pub fn effect(run: impl FnMut() + 'static) {
    let mut run: Box<dyn FnMut()> = Box::new(run);
    Effect::new(move |_| run());
}
