//! Writes the TypeScript declarations of the Systempay request bodies
//! (`pkg-template/types/systempay_requests.d.ts`) from the tables of src/systempay/schema.rs
//! (src/systempay/typegen.rs). Run after changing schema.rs: `cargo run --example gen_systempay_types`;
//! tests/generated_types.rs checks the committed file is current.

use remise::systempay::typegen;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg-template/types/systempay_requests.d.ts");
    std::fs::write(&path, typegen::requests_dts())?;
    println!("wrote {}", path.display());
    Ok(())
}
