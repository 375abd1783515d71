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

/// Encodes an RGBA image as PNG with `project_ron` in a compressed iTXt chunk (none when
/// `project_ron` is empty).
pub fn encode_png_with_project(
    image: &image::RgbaImage,
    project_ron: &str,
) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, image.width(), image.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    if !project_ron.is_empty() {
        let mut chunk = png::text_metadata::ITXtChunk::new(PNG_KEYWORD, project_ron);
        chunk.compressed = true; // deflated when written
        writer.write_text_chunk(&chunk).map_err(|e| e.to_string())?;
    }
    writer
        .write_image_data(image.as_raw())
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// The project text inside a PNG, `Ok(None)` if it carries none. Reads only the chunks
/// before the image data, so a large picture is not decoded. `limit` bounds the unpacked
/// project text. Errors are sentences for the user.
pub fn project_text_in_png(
    reader: impl BufRead + Seek,
    limit: usize,
) -> Result<Option<String>, String> {
    let decoder = png::Decoder::new(reader);
    let reader = decoder.read_info().map_err(|e| match e {
        png::DecodingError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the picture file is cut short (incomplete, perhaps an unfinished download or \
             copy); get the whole file again, or open the .ron project file instead"
                .to_owned()
        }
        png::DecodingError::IoError(e) => format!("could not be read: {}", super::io_reason(&e)),
        png::DecodingError::LimitsExceeded => "the picture is larger than Journeyboard reads; \
            it is not a picture Journeyboard exported"
            .to_owned(),
        _ => "this is not a readable PNG picture: it is damaged, or not a PNG despite its \
            first bytes. Open the .ron project file instead"
            .to_owned(),
    })?;
    for chunk in &reader.info().utf8_text {
        if chunk.keyword == PNG_KEYWORD {
            let mut chunk = chunk.clone();
            let damaged = |_| {
                format!(
                    "the project inside this picture is damaged, or unpacks to more than \
                     {} (more than a project may be). Open the .ron project file instead, or \
                     export the picture again from it",
                    super::in_words(limit as u64)
                )
            };
            chunk.decompress_text_with_limit(limit).map_err(damaged)?;
            return chunk.get_text().map(Some).map_err(damaged);
        }
    }
    Ok(None)
}

/// True if a text chunk before the image data starts with our keyword, even one the PNG
/// decoder could not read (a bad checksum, damaged compression): then the picture does
/// carry a project, only a damaged one. Reads chunk headers and the first bytes of text
/// chunks only.
pub fn has_project_chunk(mut reader: impl std::io::Read + Seek) -> bool {
    let mut signature = [0_u8; 8];
    if reader.read_exact(&mut signature).is_err() || signature != PNG_SIGNATURE {
        return false;
    }
    let keyword = PNG_KEYWORD.as_bytes();
    loop {
        let mut header = [0_u8; 8];
        if reader.read_exact(&mut header).is_err() {
            return false;
        }
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
        let kind = &header[4..8];
        if kind == b"IDAT" || kind == b"IEND" {
            return false;
        }
        let mut skip = i64::from(length) + 4; // data and checksum
        if matches!(kind, b"iTXt" | b"zTXt" | b"tEXt") && length as usize >= keyword.len() {
            let mut start = vec![0_u8; keyword.len()];
            if reader.read_exact(&mut start).is_err() {
                return false;
            }
            if start == keyword {
                return true;
            }
            skip -= keyword.len() as i64;
        }
        if reader.seek(std::io::SeekFrom::Current(skip)).is_err() {
            return false;
        }
    }
}
