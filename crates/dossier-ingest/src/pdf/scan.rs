//! Pages without a text layer: the largest image drawn on the page (a
//! scanner writes one per page) handed to Tesseract. JPEG images
//! (`DCTDecode`) are passed as they are; flate-compressed or raw 8-bit
//! grey and RGB, and 1-bit images, become PNM files; other encodings
//! (CCITT fax, JBIG2, JPEG 2000) are named in the warning.

use lopdf::{Document, Object, ObjectId};

/// An image ready for Tesseract, with its resolution on the page.
pub struct PageImage {
    /// The image file (JPEG or PNM).
    pub bytes: Vec<u8>,
    /// Pixels per inch at the page's size.
    pub dpi: Option<u32>,
}

/// Largest image (decoded) handed to OCR: 200 MB is an A3 page at 600 dpi
/// in colour.
const MAX_IMAGE_BYTES: usize = 200 << 20;

/// The page's largest image as a file Tesseract reads, or why not.
pub fn page_image(doc: &Document, page: ObjectId, page_width: f64) -> Result<PageImage, String> {
    let images = doc.get_page_images(page).map_err(|e| format!("its images could not be read ({e})"))?;
    let image = images
        .iter()
        .max_by_key(|i| i.width.saturating_mul(i.height))
        .ok_or_else(|| "it has neither text nor an image".to_string())?;
    let (w, h) = (image.width, image.height);
    if w <= 0 || h <= 0 || w.saturating_mul(h) > (MAX_IMAGE_BYTES / 3) as i64 {
        return Err(format!("its image has an unusable size ({w} × {h})"));
    }
    let dpi = (page_width > 0.0).then(|| (w as f64 / (page_width / 72.0)).round() as u32);
    let filters = image.filters.clone().unwrap_or_default();
    let last = filters.last().map(String::as_str);
    if last == Some("DCTDecode") {
        let mut bytes = image.content.to_vec();
        if filters.len() > 1 {
            let stream = doc.get_object(image.id).and_then(Object::as_stream).map_err(|e| e.to_string())?;
            // Decode the filters before the JPEG one (rare: a flate-wrapped JPEG).
            let mut s = stream.clone();
            s.dict.set(
                "Filter",
                Object::Array(
                    filters[..filters.len() - 1]
                        .iter()
                        .map(|f| Object::Name(f.as_bytes().to_vec()))
                        .collect(),
                ),
            );
            bytes = s.decompressed_content().map_err(|e| format!("its image could not be decoded ({e})"))?;
        }
        return Ok(PageImage { bytes, dpi });
    }
    if let Some(f) = last.filter(|f| !matches!(*f, "FlateDecode" | "LZWDecode" | "RunLengthDecode")) {
        return Err(format!("its image is encoded as {f}, which dossier does not decode"));
    }
    let stream = doc.get_object(image.id).and_then(Object::as_stream).map_err(|e| e.to_string())?;
    let pixels = if filters.is_empty() {
        stream.content.clone()
    } else {
        stream.decompressed_content().map_err(|e| format!("its image could not be decoded ({e})"))?
    };
    let channels = match image.color_space.as_deref() {
        Some("DeviceGray") | Some("CalGray") => 1,
        Some("DeviceRGB") | Some("CalRGB") => 3,
        other => return Err(format!("its image's colour space {} is not read", other.unwrap_or("(none)"))),
    };
    let bits = image.bits_per_component.unwrap_or(8);
    let bytes = pnm(&pixels, w as usize, h as usize, channels, bits)?;
    Ok(PageImage { bytes, dpi })
}

/// Raw pixel rows as a PNM file: P5 (grey) or P6 (RGB) for 8 bits per
/// component, P4 for 1-bit grey (PDF's 0 is black, PBM's 1 is).
pub fn pnm(pixels: &[u8], w: usize, h: usize, channels: usize, bits: i64) -> Result<Vec<u8>, String> {
    match (channels, bits) {
        (_, 8) => {
            let need = w * h * channels;
            if pixels.len() < need {
                return Err(format!("its image has {} bytes of pixels, {need} expected", pixels.len()));
            }
            let magic = if channels == 1 { "P5" } else { "P6" };
            let mut out = format!("{magic}\n{w} {h}\n255\n").into_bytes();
            out.extend_from_slice(&pixels[..need]);
            Ok(out)
        }
        (1, 1) => {
            let row = w.div_ceil(8);
            if pixels.len() < row * h {
                return Err("its 1-bit image is shorter than its size".into());
            }
            let mut out = format!("P4\n{w} {h}\n").into_bytes();
            out.extend(pixels[..row * h].iter().map(|b| !b));
            Ok(out)
        }
        _ => Err(format!("its image has {bits} bits per component, which dossier does not read")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_become_pnm() {
        assert_eq!(pnm(&[0, 255, 10, 20], 2, 2, 1, 8).unwrap(), b"P5\n2 2\n255\n\x00\xff\x0a\x14".to_vec());
        // 1-bit: PDF 0 = black becomes PBM 1 = black.
        assert_eq!(pnm(&[0b0000_0000], 3, 1, 1, 1).unwrap(), b"P4\n3 1\n\xff".to_vec());
        assert!(pnm(&[0; 3], 2, 2, 1, 8).unwrap_err().contains("expected"));
        assert!(pnm(&[0; 12], 2, 2, 3, 16).is_err());
    }
}
