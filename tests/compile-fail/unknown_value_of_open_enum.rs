// payment.received v1: payment_method tells consumers to tolerate unknown values, so decoding
// keeps them in `Unknown`; a producer still cannot build one to send.
use events::payment_flow::payment_received_v1::PaymentMethod;

fn main() {
    let _ = PaymentMethod::Unknown(events::UnknownValue("bitcoin".to_owned()));
}
