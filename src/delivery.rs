//! Sending a submission until the endpoint confirms it: through the outbox, with backoff, and at once when
//! the browser comes back online. Runs while the page is open, whichever screen started it ([`Deliveries`]);
//! the outbox keeps what is not confirmed for the next visit.

use crate::{
    api::{self, ApiError},
    browser,
    outbox::{retry_delay_ms, Outbox, Pending, OUTBOX_KEY},
};
use forus_model::Receipt;
use leptos::{ev, prelude::*};
use std::{cell::RefCell, time::Duration};

/// How the sending of one submission is going, for the visitor.
#[derive(Clone, Debug, PartialEq)]
pub enum Delivery {
    Sending,
    /// Kept on this device; another attempt follows.
    Waiting {
        attempt: u32,
    },
    Sent(Receipt),
    /// The endpoint refused it; the message and the fields it named.
    Refused(ApiError),
}

/// Puts a submission in the outbox before anything else, so it survives a reload.
pub fn enqueue(pending: &Pending) {
    let mut outbox = Outbox::parse(browser::load(OUTBOX_KEY).as_deref());
    outbox.put(pending.clone());
    browser::save(OUTBOX_KEY, &outbox.to_json());
}

/// Every submission still waiting in this origin's outbox.
pub fn waiting() -> Vec<Pending> {
    Outbox::parse(browser::load(OUTBOX_KEY).as_deref()).pending
}

fn forget(id: &str) {
    let mut outbox = Outbox::parse(browser::load(OUTBOX_KEY).as_deref());
    outbox.remove(id);
    browser::save(OUTBOX_KEY, &outbox.to_json());
}

/// Where the on-demand module's deliveries live: an owner with no parent, made by its entry point, so that a
/// delivery outlives the screen that started it (the visitor starts a new assessment, or goes back to the
/// welcome screen, while it waits) and one submission has one delivery, whichever screen shows it.
#[derive(Clone, Copy)]
pub struct Deliveries(pub StoredValue<Owner, LocalStorage>);

thread_local! {
    /// Every delivery started, with the element that hears it succeed.
    static RUNNING: RefCell<Vec<(Courier, StoredValue<web_sys::EventTarget, LocalStorage>)>> =
        const { RefCell::new(Vec::new()) };
}

impl Deliveries {
    /// Delivers `pending` (already in the outbox), unless a delivery of it runs already; either way, its
    /// courier. Once the endpoint confirms it, `forus-submitted` is dispatched on `host`: the element that
    /// asked last, so a site that replaced the element still hears it.
    pub fn deliver(self, pending: Pending, host: web_sys::EventTarget) -> Courier {
        let id = pending.submission.id.clone();
        let running = RUNNING.with_borrow(|running| {
            running.iter().copied().find(|(c, _)| c.pending.try_with_value(|p| p.submission.id == id).unwrap_or(false))
        });
        if let Some((courier, heard_by)) = running {
            heard_by.set_value(host);
            return courier;
        }
        let (courier, heard_by) = self.0.with_value(|owner| {
            owner.with(|| {
                let heard_by = StoredValue::new_local(host);
                let on_sent = Callback::new(move |receipt: Receipt| {
                    heard_by.with_value(|host| browser::dispatch(host, "forus-submitted", &receipt));
                });
                (Courier::start(pending, on_sent), heard_by)
            })
        });
        RUNNING.with_borrow_mut(|running| running.push((courier, heard_by)));
        courier
    }
}

/// A running delivery: a handle the visitor's "try again now" button uses.
#[derive(Clone, Copy)]
pub struct Courier {
    pending: StoredValue<Pending>,
    state: RwSignal<Delivery>,
    attempt: StoredValue<u32>,
    timer: StoredValue<Option<TimeoutHandle>>,
    on_sent: Callback<Receipt>,
}

impl Courier {
    /// Starts delivering `pending` (already in the outbox); `on_sent` runs once the endpoint confirms.
    pub fn start(pending: Pending, on_sent: Callback<Receipt>) -> Courier {
        let courier = Courier {
            pending: StoredValue::new(pending),
            state: RwSignal::new(Delivery::Sending),
            attempt: StoredValue::new(0),
            timer: StoredValue::new(None),
            on_sent,
        };
        let online = window_event_listener(ev::online, move |_| courier.retry_now());
        on_cleanup(move || {
            online.remove();
            courier.cancel_timer();
        });
        courier.send();
        courier
    }

    pub fn state(self) -> Signal<Delivery> {
        self.state.into()
    }

    /// Sends now instead of waiting for the next scheduled attempt.
    pub fn retry_now(self) {
        if matches!(self.state.try_get_untracked(), Some(Delivery::Waiting { .. })) {
            self.cancel_timer();
            self.send();
        }
    }

    fn cancel_timer(self) {
        if let Some(Some(timer)) = self.timer.try_update_value(Option::take) {
            timer.clear();
        }
    }

    fn send(self) {
        let Some(pending) = self.pending.try_get_value() else {
            return;
        };
        self.state.set(Delivery::Sending);
        leptos::task::spawn_local(async move {
            let result = api::Endpoint::new(&pending.endpoint).submit(&pending.submission).await;
            // The outbox is updated even if the widget was unmounted meanwhile.
            if !matches!(&result, Err(error) if error.is_retryable()) {
                forget(&pending.submission.id);
            }
            if self.state.try_get_untracked().is_none() {
                return; // unmounted: the outbox keeps it for the next visit
            }
            match result {
                Ok(receipt) => {
                    self.state.set(Delivery::Sent(receipt.clone()));
                    self.on_sent.run(receipt);
                }
                Err(error) if error.is_retryable() => {
                    let attempt = self.attempt.try_update_value(|a| {
                        *a += 1;
                        *a
                    });
                    let attempt = attempt.unwrap_or(1);
                    self.state.set(Delivery::Waiting { attempt });
                    let delay = Duration::from_millis(u64::from(retry_delay_ms(attempt)));
                    let timer = set_timeout_with_handle(move || self.send(), delay).ok();
                    self.timer.set_value(timer);
                }
                Err(error) => self.state.set(Delivery::Refused(error)),
            }
        });
    }
}
