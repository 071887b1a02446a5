//! Helpers for the CLI tests: run the real binary, read its JSON Lines,
//! temporary folders, and the shared contract checker.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The outcome of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `dossier ARGS`.
pub fn dossier(args: &[&str]) -> Run {
    dossier_stdin(args, b"")
}

/// Runs `dossier ARGS` with `input` on standard input.
pub fn dossier_stdin(args: &[&str], input: &[u8]) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dossier");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `dossier ARGS`, killing it if it runs longer than `limit` (a hang
/// guard: the run then fails with code -1 and says so on stderr).
pub fn dossier_timeout(args: &[&str], limit: std::time::Duration) -> Run {
    dossier_measured(args, limit).run
}

/// A run with its wall time and peak resident memory.
pub struct Measured {
    pub run: Run,
    pub secs: f64,
    /// Peak resident memory in MiB (Linux `VmHWM`, sampled every few ms:
    /// it only grows, so the last sample is close to the true peak; 0
    /// where `/proc` is missing).
    pub peak_mib: u64,
}

/// Peak resident memory of a running process, in KiB.
fn vm_hwm(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// [`dossier_timeout`], also measuring time and peak memory.
pub fn dossier_measured(args: &[&str], limit: std::time::Duration) -> Measured {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dossier");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut s).unwrap();
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut s).unwrap();
        s
    });
    let start = std::time::Instant::now();
    let pid = child.id();
    let mut peak = 0u64;
    let code = loop {
        if let Some(kb) = vm_hwm(pid) {
            peak = peak.max(kb);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status.code().unwrap_or(-1);
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            break -1;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    let secs = start.elapsed().as_secs_f64();
    let mut stderr = String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned();
    if code == -1 {
        stderr.push_str(&format!("\n(killed after {limit:?})"));
    }
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap()).into_owned();
    Measured { run: Run { code, stdout, stderr }, secs, peak_mib: peak / 1024 }
}

/// A committed fixture's path.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The demo corpus shipped with the project.
pub fn demo_corpus() -> String {
    format!("{}/../../data/demo/wikinews-gum.jsonl", env!("CARGO_MANIFEST_DIR"))
}

/// The shared data folder beside the project.
pub fn shared(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(rel)
}

/// A path in the shared evaluation data beside the project, or `None` when
/// it is absent — a user's fresh clone has no `../shared` — after printing
/// why the calling test skips. CI sets `DOSSIER_REQUIRE_SHARED=1`, under
/// which a missing path fails the test instead, so no evaluation is skipped
/// there by accident.
pub fn shared_data(rel: &str) -> Option<PathBuf> {
    use std::io::Write;
    let path = shared(rel);
    if path.exists() {
        return Some(path);
    }
    let required = std::env::var("DOSSIER_REQUIRE_SHARED").is_ok_and(|v| !v.is_empty() && v != "0");
    assert!(!required, "DOSSIER_REQUIRE_SHARED is set but {} is missing", path.display());
    // Straight to the process's stderr, past the test harness's capture, so
    // that a plain `cargo test` shows what was skipped.
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {} not found (the shared evaluation data is not beside this clone)",
        path.display()
    );
    None
}

/// Parses JSON Lines.
pub fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines().map(|l| serde_json::from_str(l).expect("valid JSON line")).collect()
}

/// Pipes `stdout` through `../shared/tools/check_contract.py` and asserts it
/// holds (skipped, with a note, where python3 or the script is missing).
pub fn check_contract(stdout: &str, texts: &[&str]) {
    use std::io::Write;
    let script = shared("tools/check_contract.py");
    if !script.exists() {
        eprintln!("note: {} not found, contract check skipped", script.display());
        return;
    }
    let mut cmd = Command::new("python3");
    cmd.arg(&script);
    if !texts.is_empty() {
        cmd.arg("--texts").args(texts);
    }
    let Ok(mut child) = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).spawn() else {
        eprintln!("note: python3 not found, contract check skipped");
        return;
    };
    child.stdin.take().unwrap().write_all(stdout.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "contract check failed:\n{}", String::from_utf8_lossy(&out.stdout));
}

/// A temporary folder removed on drop.
pub struct TempDir(tempfile::TempDir);

impl TempDir {
    pub fn new() -> Self {
        TempDir(tempfile::tempdir().unwrap())
    }

    /// A path inside the folder, as a string.
    pub fn path(&self, name: &str) -> String {
        self.0.path().join(name).display().to_string()
    }
}
