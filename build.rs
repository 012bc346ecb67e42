//! Rebuilds the tool when the embedded kit changes: `include_dir!` reads the files at compile
//! time, but cargo only knows to look at them if told.

fn main() {
    for path in ["info.toml", "exercises", "solutions"] {
        println!("cargo::rerun-if-changed={path}");
    }
}
