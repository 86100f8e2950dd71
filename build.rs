// The default theme is compiled into the binary: rebuild when it changes.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src/scaffold");
    println!("cargo:rerun-if-changed=content");
}
