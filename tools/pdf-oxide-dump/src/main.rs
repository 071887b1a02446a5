//! `pdf-oxide-dump IN_DIR OUT_DIR`: for every `IN_DIR/<name>.pdf`, writes
//! the text pdf_oxide extracts (all pages, in order, a blank line between
//! pages) to `OUT_DIR/<name>.txt`, and prints the time taken.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (input, output) = (&args[1], &args[2]);
    std::fs::create_dir_all(output).expect("output folder");
    let mut names: Vec<_> = std::fs::read_dir(input)
        .expect("input folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    names.sort();
    let start = Instant::now();
    let mut pages = 0;
    for path in &names {
        let mut text = String::new();
        match pdf_oxide::PdfDocument::open(path) {
            Ok(doc) => {
                let n = doc.page_count().unwrap_or(0);
                for i in 0..n {
                    pages += 1;
                    match doc.extract_text(i) {
                        Ok(t) => {
                            text.push_str(&t);
                            text.push_str("\n\n");
                        }
                        Err(e) => eprintln!("{}: page {}: {e}", path.display(), i + 1),
                    }
                }
            }
            Err(e) => eprintln!("{}: {e}", path.display()),
        }
        let stem = path.file_stem().unwrap().to_string_lossy();
        std::fs::write(format!("{output}/{stem}.txt"), text).expect("write");
    }
    let secs = start.elapsed().as_secs_f64();
    println!("{} files, {pages} pages, {secs:.3} s, {:.1} pages/s", names.len(), pages as f64 / secs);
}
