// payment.failed v1: payment_method is a closed enum; no value outside it can be built.
use events::payment_flow::payment_failed_v1::PaymentMethod;

fn main() {
    let _ = PaymentMethod::Bitcoin;
}
