//! Emits the `ids` module: one typed id per prefix, shared by every event.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::{ident, Ctx};

/// The `ids` module.
pub fn emit_ids(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let ids = ctx.set.ids.iter().map(|(prefix, name)| {
        let name = ident(name);
        let doc = format!(" An id of the form `{prefix}_<UUIDv7>`.");
        quote! {
            #rt::typed_id! {
                #[doc = #doc]
                pub struct #name(#prefix);
            }
        }
    });
    quote! {
        /// Typed prefixed-UUIDv7 ids: one type per prefix, so ids of different kinds never mix.
        pub mod ids {
            #(#ids)*
        }
    }
}
