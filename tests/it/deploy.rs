//! The deployment scripts' checks, run on real binaries: `deploy/static-check` must accept a
//! static and a static-pie binary (which glibc's ldd describes as "statically linked" with exit
//! 0) and refuse a dynamically linked one and a file that is not ELF.

use std::path::Path;
use std::process::Command;

/// Compiles a C program that does nothing with gcc and `flags` into `dir`, or None without gcc.
fn compiled(dir: &Path, name: &str, flags: &[&str]) -> Option<std::path::PathBuf> {
    let source = dir.join("empty.c");
    std::fs::write(&source, "int main(void) { return 0; }\n").expect("the C source");
    let out = dir.join(name);
    let status = Command::new("gcc")
        .args(flags)
        .arg("-o")
        .arg(&out)
        .arg(&source)
        .status()
        .ok()?;
    status.success().then_some(out)
}

/// The check's exit code and standard error for `binary`.
fn check(binary: &Path) -> (i32, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/static-check");
    let out = Command::new(script)
        .arg(binary)
        .output()
        .expect("deploy/static-check runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn static_check_asks_the_binary_not_ldd() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let (Some(pie), Some(plain), Some(dynamic)) = (
        compiled(dir.path(), "static-pie", &["-static-pie"]),
        compiled(dir.path(), "static", &["-static"]),
        compiled(dir.path(), "dynamic", &[]),
    ) else {
        if std::env::var_os("CI").is_some() {
            panic!("gcc with glibc's static library is needed for this test");
        }
        eprintln!("skipped: no gcc with a static libc");
        return;
    };
    assert_eq!(
        check(&pie),
        (0, String::new()),
        "a static-pie binary is static"
    );
    assert_eq!(
        check(&plain),
        (0, String::new()),
        "a static binary is static"
    );
    let (code, said) = check(&dynamic);
    assert_eq!(code, 1, "a dynamic binary is refused");
    assert!(
        said.contains("is not statically linked: it names a program interpreter"),
        "{said}"
    );
    let text = dir.path().join("empty.c");
    let (code, said) = check(&text);
    assert_eq!(code, 1);
    assert!(said.contains("is not an ELF file"), "{said}");
}
