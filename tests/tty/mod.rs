//! A pseudo-terminal of 80 by 24 with a vt100 screen behind it: tests send keys and read
//! what a person would see, not the raw escape stream.
#![allow(dead_code)]

use std::time::{Duration, Instant};

use expectrl::Session;

pub const DOWN: &str = "\x1b[B";
pub const ENTER: &str = "\r";
pub const CTRL_C: &str = "\x03";
/// DECTCEM "show cursor": what a program that hid the cursor must send before exiting.
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
pub const HIDE_CURSOR: &[u8] = b"\x1b[?25l";

pub struct Tty {
    session: Session,
    parser: vt100::Parser,
    /// Every byte the program wrote, for escape-sequence assertions.
    pub raw: Vec<u8>,
}

impl Tty {
    /// Runs saasgen with `args` in `dir` on an 80x24 terminal without colours.
    pub fn spawn(dir: &std::path::Path, args: &[&str]) -> Self {
        Self::spawn_with(dir, args, &[("NO_COLOR", "1")])
    }

    pub fn spawn_with(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("saasgen"));
        cmd.current_dir(dir)
            .args(args)
            .env("TERM", "xterm")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let session = Session::spawn(cmd).expect("spawn in a pty");
        Self {
            session,
            parser: vt100::Parser::new(nz(24), nz(80), 0),
            raw: Vec::new(),
        }
    }

    /// Reads what is there; false at end of output.
    fn pump(&mut self) -> bool {
        let mut buf = [0u8; 4096];
        match self.session.try_read(&mut buf) {
            Ok(0) => false,
            Ok(n) => {
                self.parser.process(&buf[..n]);
                self.raw.extend_from_slice(&buf[..n]);
                true
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(20));
                true
            }
            Err(_) => false,
        }
    }

    /// Waits until the screen shows `text`, then lets the program finish drawing.
    pub fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        while !self.screen().contains(text) {
            assert!(
                self.pump() && start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {text:?}; screen:\n{}",
                self.screen()
            );
        }
        self.settle();
    }

    /// Waits until the screen satisfies `check` (a slow machine may draw a prompt in
    /// several writes), failing with the screen after 20 seconds.
    pub fn wait_until(&mut self, what: &str, check: impl Fn(&str) -> bool) {
        let start = Instant::now();
        while !check(&self.screen()) {
            assert!(
                self.pump() && start.elapsed() < Duration::from_secs(20),
                "timed out waiting until {what}; screen:\n{}",
                self.screen()
            );
        }
    }

    /// Waits until the screen is exactly `expected`; on a timeout, shows both.
    pub fn expect_screen(&mut self, expected: &str) {
        let start = Instant::now();
        while self.screen() != expected && start.elapsed() < Duration::from_secs(20) {
            if !self.pump() {
                break;
            }
        }
        assert_eq!(self.screen(), expected);
    }

    /// Reads until the program has been quiet for a moment.
    fn settle(&mut self) {
        let mut quiet = Instant::now();
        while quiet.elapsed() < Duration::from_millis(150) {
            let before = self.raw.len();
            if !self.pump() {
                return;
            }
            if self.raw.len() != before {
                quiet = Instant::now();
            }
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
        self.settle();
    }

    /// The visible screen, one line per terminal row (a wrapped line shows as two),
    /// trailing blanks trimmed.
    pub fn screen(&self) -> String {
        let rows: Vec<String> = self
            .parser
            .screen()
            .rows(0, 80)
            .map(|r| r.trim_end().to_owned())
            .collect();
        rows.join("\n").trim_end().to_owned()
    }

    /// Rows that ran past the right edge and wrapped (none on a clean screen).
    pub fn wrapped_rows(&self) -> Vec<u16> {
        (0..24)
            .filter(|r| self.parser.screen().row_wrapped(*r))
            .collect()
    }

    /// Reads to the end and returns the exit code (128 + signal when killed).
    pub fn finish(&mut self) -> i32 {
        let start = Instant::now();
        while self.pump() {
            assert!(start.elapsed() < Duration::from_secs(60), "never exited");
        }
        use expectrl::WaitStatus;
        match self.session.get_process().wait().unwrap() {
            WaitStatus::Exited(_, code) => code,
            WaitStatus::Signaled(_, sig, _) => 128 + sig as i32,
            other => panic!("unexpected {other:?}"),
        }
    }

    /// Whether the last cursor-visibility escape the program sent shows the cursor.
    pub fn cursor_left_visible(&self) -> bool {
        let last = |needle: &[u8]| self.raw.windows(needle.len()).rposition(|w| w == needle);
        match (last(SHOW_CURSOR), last(HIDE_CURSOR)) {
            (_, None) => true,
            (Some(show), Some(hide)) => show > hide,
            (None, Some(_)) => false,
        }
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}
