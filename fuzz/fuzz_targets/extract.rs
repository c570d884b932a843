//! A PDF given to `extract`: any bytes may be refused; none may panic, and nothing is written
//! but the YAML and the images it names, inside the output folder.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("a folder");
    let pdf = dir.path().join("in.pdf");
    std::fs::write(&pdf, data).expect("written");
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("a folder");
    let _ = uppfoljning::internals::extract(&pdf, Some(&out.join("r.yaml")), false);
    for entry in std::fs::read_dir(dir.path()).expect("listed") {
        let name = entry.expect("an entry").file_name();
        assert!(name == "in.pdf" || name == "out", "wrote {name:?} outside the output");
    }
});
