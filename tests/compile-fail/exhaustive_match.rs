// AnyEvent is #[non_exhaustive]: a new event type in the contracts is a compatible change,
// so a consumer's match must have a wildcard arm, and one without it does not build.
use events::any::AnyEvent;

fn describe(event: &AnyEvent) -> &'static str {
    match event {
        AnyEvent::LeadCreatedV1(_) => "lead created",
    }
}

fn main() {
    let _ = describe;
}
