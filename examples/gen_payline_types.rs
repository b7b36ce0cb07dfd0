//! Writes the TypeScript declarations of the Payline request parameters
//! (`pkg-template/types/payline_requests.d.ts`) from the request tables of src/payline/model.rs
//! (src/payline/typegen.rs). Run after changing model.rs: `cargo run --example gen_payline_types`;
//! tests/generated_types.rs checks the committed file is current.

use remise::payline::typegen;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg-template/types/payline_requests.d.ts");
    std::fs::write(&path, typegen::requests_dts())?;
    println!("wrote {}", path.display());
    Ok(())
}
