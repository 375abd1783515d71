//! Projects carried inside exported PNG pictures, so a client who only received the
//! picture can send the whole project back.
//!
//! Format: one compressed `iTXt` chunk with keyword [`PNG_KEYWORD`] whose text is the
//! project's RON, byte for byte as a save writes it. It sits before the image data.

use std::io::{BufRead, Seek};

/// Keyword of the PNG text chunk that holds the project.
pub const PNG_KEYWORD: &str = "journeyboard-project";

/// The eight bytes every PNG file starts with.
pub const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// Encodes an RGBA image as PNG with `project_ron` in a compressed iTXt chunk.
pub fn encode_png_with_project(
    image: &image::RgbaImage,
    project_ron: &str,
) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, image.width(), image.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    let mut chunk = png::text_metadata::ITXtChunk::new(PNG_KEYWORD, project_ron);
    chunk.compressed = true; // deflated when written
    writer.write_text_chunk(&chunk).map_err(|e| e.to_string())?;
    writer
        .write_image_data(image.as_raw())
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// The project text inside a PNG, `Ok(None)` if it carries none. Reads only the chunks
/// before the image data, so a large picture is not decoded.
pub fn project_text_in_png(
    reader: impl BufRead + Seek,
    limit: usize,
) -> Result<Option<String>, String> {
    let decoder = png::Decoder::new(reader);
    let reader = decoder
        .read_info()
        .map_err(|e| format!("not a readable PNG: {e}"))?;
    for chunk in &reader.info().utf8_text {
        if chunk.keyword == PNG_KEYWORD {
            let mut chunk = chunk.clone();
            chunk
                .decompress_text_with_limit(limit)
                .map_err(|e| format!("its project chunk is damaged: {e}"))?;
            return chunk
                .get_text()
                .map(Some)
                .map_err(|e| format!("its project chunk is damaged: {e}"));
        }
    }
    Ok(None)
}
