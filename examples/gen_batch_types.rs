//! Writes the TypeScript declarations of the Office Batch records
//! (`pkg-template/types/sogenactif_batch_records.d.ts`) and the field tables of README.md from
//! the dictionary table (src/sogenactif/batch/typegen.rs). Run after changing dictionary.rs:
//! `cargo run --example gen_batch_types`; tests/sogenactif_batch_types.rs checks both are current.

use remise::sogenactif::batch::typegen;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dts = root.join("pkg-template/types/sogenactif_batch_records.d.ts");
    std::fs::write(&dts, typegen::records_dts())?;
    let readme_path = root.join("README.md");
    let readme = std::fs::read_to_string(&readme_path)?;
    let updated =
        typegen::update_readme(&readme).ok_or("README.md lacks the batch-fields markers")?;
    std::fs::write(&readme_path, updated)?;
    println!("wrote {} and README.md", dts.display());
    Ok(())
}
