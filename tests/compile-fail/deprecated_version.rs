// intake.matched v1 is deprecated in the registry: producing it fails under deny(deprecated).
#![deny(deprecated)]
use events::identity::IntakeMatchedV1;

fn main() {
    let _ = IntakeMatchedV1::new(Default::default());
}
