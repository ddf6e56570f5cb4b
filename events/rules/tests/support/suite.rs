//! Where the official JSON-Schema-Test-Suite is. It is not committed: it comes from the
//! python-jsonschema sdist on PyPI (pinned version, checked hash), which vendors it under
//! `jsonschema-<version>/json/`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// The pinned sdist and its SHA-256.
const VERSION: &str = "4.26.0";
const SHA256: &str = "0c26707e2efad8aa1bfc5b7ce170f3fccc2e4918ff85989ba9ffa9facb2be326";

/// One download at a time within this test process.
static LOCK: Mutex<()> = Mutex::new(());

/// The target directory the running test binary was built in (it lives in
/// `<target dir>/[<triple>/]<profile>/deps/`), so `CARGO_TARGET_DIR`, `--target-dir` and
/// `build.target-dir` are honoured.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_else(|e| fail("finding the test binary", &e.to_string()));
    exe.parent()
        .and_then(Path::parent)
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| fail("finding the target directory", &exe.display().to_string()))
}

fn fail(step: &str, detail: &str) -> ! {
    panic!(
        "cannot obtain the JSON-Schema-Test-Suite: {step} failed: {detail}\n\
         Fix: set JSON_SCHEMA_TEST_SUITE to a checkout's directory that holds `tests/` and `remotes/` \
         (e.g. `git clone https://github.com/json-schema-org/JSON-Schema-Test-Suite`), or place it at \
         <target dir>/json-schema-test-suite, or make `python3 -m pip download` reach PyPI \
         (the sdist jsonschema=={VERSION}, sha256 {SHA256}, carries it under json/)."
    )
}

fn run(step: &str, cmd: &mut Command) -> String {
    match cmd.output() {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        Ok(out) => fail(step, &format!("{}\n{}", out.status, String::from_utf8_lossy(&out.stderr))),
        Err(e) => fail(step, &e.to_string()),
    }
}

/// The suite directory (holding `tests/` and `remotes/`): `$JSON_SCHEMA_TEST_SUITE`, else
/// `<target dir>/json-schema-test-suite`, else downloaded and extracted there.
pub fn suite_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("JSON_SCHEMA_TEST_SUITE") {
        let dir = PathBuf::from(dir);
        if !dir.join("tests").is_dir() {
            fail("JSON_SCHEMA_TEST_SUITE", &format!("{} has no tests/ directory", dir.display()));
        }
        return dir;
    }
    let target = target_dir();
    let dest = target.join("json-schema-test-suite");
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if dest.join("tests").is_dir() {
        return dest;
    }
    let nonce = format!("{}-{}", std::process::id(), std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    let tmp = target.join(format!("json-schema-test-suite.tmp-{nonce}"));
    if let Err(e) = std::fs::create_dir_all(&tmp) {
        fail("creating a temporary directory", &format!("{}: {e}", tmp.display()));
    }
    let result = std::panic::catch_unwind(|| {
        run(
            "pip download",
            Command::new("python3").args(["-m", "pip", "download", "--no-deps", "--no-binary", ":all:", &format!("jsonschema=={VERSION}"), "-d"]).arg(&tmp),
        );
        let sdist = tmp.join(format!("jsonschema-{VERSION}.tar.gz"));
        if !sdist.is_file() {
            fail("pip download", &format!("{} was not downloaded", sdist.display()));
        }
        let sum = run("sha256sum", Command::new("sha256sum").arg(&sdist));
        let got = sum.split_whitespace().next().unwrap_or("");
        if got != SHA256 {
            fail("hash check", &format!("{} has sha256 {got}, expected {SHA256}", sdist.display()));
        }
        run("tar", Command::new("tar").arg("-xzf").arg(&sdist).arg("-C").arg(&tmp).arg(format!("jsonschema-{VERSION}/json")));
        let extracted = tmp.join(format!("jsonschema-{VERSION}/json"));
        // Atomic publication: another process may have won the race; its copy is as good.
        if let Err(e) = std::fs::rename(&extracted, &dest) {
            if !dest.join("tests").is_dir() {
                fail("moving the suite into place", &format!("{} → {}: {e}", extracted.display(), dest.display()));
            }
        }
    });
    let _ = std::fs::remove_dir_all(&tmp);
    if let Err(p) = result {
        std::panic::resume_unwind(p);
    }
    dest
}
