//! Whether an image's bytes are a whole image the report may hold: decoded completely before
//! anything is typeset, its size bounded from its header before any pixel is decoded.

use std::io::Cursor;
use std::sync::{Arc, Mutex};

use super::ImageFormat;
use crate::base::limits::{MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS};
use crate::error::ImageFault;

/// Checks that `bytes` of `format` decode completely within the limits; returns how many
/// pixels the typesetter will hold decoded (a PNG's or JPEG's, the raster images inside an
/// SVG).
pub fn check(bytes: &[u8], format: ImageFormat) -> Result<u64, ImageFault> {
    match format {
        ImageFormat::Png => check_png(bytes),
        ImageFormat::Jpeg => check_jpeg(bytes),
        ImageFormat::Svg => check_svg(bytes),
    }
}

fn pixels(width: u64, height: u64) -> Result<u64, ImageFault> {
    let pixels = width.saturating_mul(height);
    if pixels > MAX_IMAGE_PIXELS {
        return Err(ImageFault::TooManyPixels { width, height });
    }
    Ok(pixels)
}

fn damaged(reason: impl ToString) -> ImageFault {
    ImageFault::Damaged {
        reason: reason.to_string(),
    }
}

/// Every row of every frame decoded (checksums confirmed), one row in memory at a time.
fn check_png(bytes: &[u8]) -> Result<u64, ImageFault> {
    let limits = png::Limits {
        bytes: MAX_IMAGE_BYTES * 4,
    };
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), limits);
    decoder.ignore_checksums(false);
    let mut reader = decoder.read_info().map_err(damaged)?;
    let info = reader.info();
    let count = pixels(info.width.into(), info.height.into())?;
    while reader.next_row().map_err(damaged)?.is_some() {}
    // A file cut after its last pixel row still lacks its end.
    reader.finish().map_err(damaged)?;
    Ok(count)
}

/// The whole scan decoded in strict mode: a truncated or corrupt file is an error.
fn check_jpeg(bytes: &[u8]) -> Result<u64, ImageFault> {
    use zune_core::bytestream::ZCursor;
    use zune_core::options::DecoderOptions;
    let side = usize::try_from(MAX_IMAGE_PIXELS).unwrap_or(usize::MAX);
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(side)
        .set_max_height(side);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(damaged)?;
    let (width, height) = decoder
        .dimensions()
        .ok_or_else(|| damaged("it has no image size"))?;
    let count = pixels(width as u64, height as u64)?;
    decoder.decode().map_err(damaged)?;
    if !ends_with_end_of_image(bytes) {
        return Err(damaged("it ends before its end-of-image marker"));
    }
    Ok(count)
}

/// Whether an end-of-image marker follows the first scan: the decoder fills in a missing tail
/// of the last scan by itself. Inside a scan `FF` is always followed by `00` or a restart
/// marker, so `FF D9` there is the real end; data some cameras append after it is allowed.
fn ends_with_end_of_image(bytes: &[u8]) -> bool {
    let scan = bytes.windows(2).position(|w| w == [0xFF, 0xDA]);
    scan.is_some_and(|start| bytes[start..].windows(2).any(|w| w == [0xFF, 0xD9]))
}

/// Parsed as typst parses it; a linked file or an unchecked kind of nested image is refused,
/// and a nested PNG or JPEG is checked as one given directly.
fn check_svg(bytes: &[u8]) -> Result<u64, ImageFault> {
    let fault: Arc<Mutex<Option<ImageFault>>> = Arc::default();
    let nested = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counted = Arc::clone(&nested);
    let record = |found: ImageFault| {
        let mut slot = fault
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        slot.get_or_insert(found);
    };
    let options = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|mime, data, _| {
                let format = match mime {
                    "image/png" => Some(ImageFormat::Png),
                    "image/jpeg" | "image/jpg" => Some(ImageFormat::Jpeg),
                    _ => ImageFormat::detect(&data).filter(|f| *f != ImageFormat::Svg),
                };
                let outcome = match format {
                    Some(ImageFormat::Png) => check_png(&data),
                    Some(ImageFormat::Jpeg) => check_jpeg(&data),
                    _ => Err(ImageFault::NestedKind { mime: mime.into() }),
                };
                match outcome {
                    Ok(count) => {
                        counted.fetch_add(count, std::sync::atomic::Ordering::Relaxed);
                    }
                    Err(found) => record(found),
                }
                None
            }),
            resolve_string: Box::new(|href, _| {
                record(ImageFault::Linked { href: href.into() });
                None
            }),
        },
        ..usvg::Options::default()
    };
    let parsed = usvg::Tree::from_data(bytes, &options).map(drop);
    drop(options);
    if let Some(found) = fault.lock().ok().and_then(|mut slot| slot.take()) {
        return Err(found);
    }
    parsed.map_err(damaged)?;
    Ok(nested.load(std::sync::atomic::Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jpeg_without_its_end_marker_is_cut_short() {
        assert!(ends_with_end_of_image(&[
            0xFF, 0xD8, 0xFF, 0xDA, 1, 0xFF, 0xD9
        ]));
        assert!(
            ends_with_end_of_image(&[0xFF, 0xDA, 1, 0xFF, 0xD9, b'x', b'y']),
            "trailing data"
        );
        assert!(!ends_with_end_of_image(&[
            0xFF, 0xD8, 0xFF, 0xDA, 0x12, 0xFF, 0x00
        ]));
        assert!(
            !ends_with_end_of_image(&[0xFF, 0xD8, 0xFF, 0xD9]),
            "no scan"
        );
    }
}
