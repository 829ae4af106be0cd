use crate::{
    components::{delivery_status::WaitingNotice, widget::HostElement},
    delivery::{waiting, Deliveries, Delivery},
};
use leptos::prelude::*;

/// Submissions an earlier visit could not send: delivered now, and while any waits, the welcome screen says
/// they are kept on this device. Shown by the on-demand module, which has the code for delivering them.
#[component]
pub fn WaitingSubmissions() -> impl IntoView {
    let host = expect_context::<HostElement>();
    let deliveries = expect_context::<Deliveries>();
    let couriers: Vec<_> =
        waiting().into_iter().map(|pending| deliveries.deliver(pending, host.0.get_value())).collect();
    let waiting = Signal::derive(move || {
        couriers.iter().filter(|c| matches!(c.state().get(), Delivery::Sending | Delivery::Waiting { .. })).count()
    });
    view! { <WaitingNotice waiting=waiting /> }
}
