//! The office readers: the input as a file (a zip package, RTF, or CSV by
//! its name), and as the main XML part of each zip format, stored so that
//! the fuzzer's bytes reach the XML walkers unchanged.
#![no_main]
use std::io::Write;

use libfuzzer_sys::fuzz_target;

/// Where each zip format keeps the part the input becomes.
const PACKAGES: &[(&str, &str, &[(&str, &[u8])])] = &[
    ("f.docx", "word/document.xml", &[]),
    ("f.pptx", "ppt/slides/slide1.xml", &[
        ("ppt/presentation.xml", b"<p:presentation><p:sldIdLst><p:sldId id=\"256\" r:id=\"rId1\"/></p:sldIdLst></p:presentation>"),
        ("ppt/_rels/presentation.xml.rels", b"<Relationships><Relationship Id=\"rId1\" Type=\"s/slide\" Target=\"slides/slide1.xml\"/></Relationships>"),
    ]),
    ("f.xlsx", "xl/worksheets/sheet1.xml", &[
        ("xl/workbook.xml", b"<workbook><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels", b"<Relationships><Relationship Id=\"rId1\" Type=\"s/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"s/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"),
        ("xl/sharedStrings.xml", b"<sst><si><t>a</t></si></sst>"),
    ]),
    ("f.odt", "content.xml", &[("mimetype", b"application/vnd.oasis.opendocument.text")]),
    ("f.ods", "content.xml", &[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")]),
];

fuzz_target!(|data: &[u8]| {
    for name in ["f.csv", "f.rtf"] {
        for raw in dossier_ingest::office::office_bytes(name.into(), data.to_vec()).take(16).flatten() {
            let _ = raw.build();
        }
    }
    for (name, part, others) in PACKAGES {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (other, bytes) in others.iter().copied().chain([(*part, data)]) {
            w.start_file(other, stored).unwrap();
            w.write_all(bytes).unwrap();
        }
        let bytes = w.finish().unwrap().into_inner();
        for raw in dossier_ingest::office::office_bytes((*name).into(), bytes).take(4).flatten() {
            let _ = raw.build();
        }
    }
});
