//! Generates the Petstore client from `petstore.yaml` into `$OUT_DIR/client/`; cargo runs
//! this again whenever the description (or a file it refers to) changes.

fn main() {
    codegen::build::generate("petstore.yaml");
}
