//! Writes the TypeScript declarations of the Sips Office request fields
//! (`pkg-template/types/sogenactif_office_fields.d.ts`) from the tables of
//! src/sogenactif/office/validate.rs (src/sogenactif/office/typegen.rs). Run after changing those
//! tables: `cargo run --example gen_office_types`; tests/generated_types.rs checks the
//! committed file is current.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> Result<(), Box<dyn std::error::Error>> {
    use remise::sogenactif::office::typegen;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("pkg-template/types/sogenactif_office_fields.d.ts");
    std::fs::write(&path, typegen::fields_dts())?;
    println!("wrote {}", path.display());
    Ok(())
}

/// `typegen` is host only (see src/sogenactif/office/mod.rs): nothing to write from a wasm build.
#[cfg(target_arch = "wasm32")]
fn main() {}
