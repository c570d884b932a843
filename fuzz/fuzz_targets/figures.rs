//! Image bytes as a figure: any bytes may be refused with a problem at the figure; none may
//! panic or hang.

#![no_main]

use libfuzzer_sys::fuzz_target;
use uppfoljning::internals::{ImageFormat, check};

fuzz_target!(|data: &[u8]| {
    let Some(format) = ImageFormat::detect(data) else { return };
    let _ = check(data, format);
});
