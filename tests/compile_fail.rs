//! Compile-time guarantees of the generated API. Each case under `compile-fail/` is a small
//! program that must not compile; the exact error a user sees is checked in next to it (`.stderr`). Cases under `pass/` must build and run.
//! Regenerate the expectations with `TRYBUILD=overwrite cargo test --test compile_fail`.

#[test]
fn contract_violations_do_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/compile-fail/*.rs");
    t.pass("tests/pass/*.rs");
}
