//! Operator configuration: every flag has an environment variable.

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use std::{net::SocketAddr, path::PathBuf, time::Duration};

#[derive(Debug, Clone, Parser)]
#[command(name = "forus-endpoint", about = "The shared endpoint of the Forus widget")]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "FORUS_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Database: a `sqlite:` URL (the file is created on first start).
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/forus.db")]
    pub database_url: String,

    /// Member registry (TOML); without it, the sample registry shipped in endpoint/members.toml.
    #[arg(long, env = "FORUS_MEMBERS")]
    pub members: Option<PathBuf>,

    /// Folder holding the built widget (Trunk's output), served under /widget/.
    #[arg(long, env = "FORUS_WIDGET_DIR", default_value = "dist")]
    pub widget_dir: PathBuf,

    /// Bearer token of the secretariat (export, report, review of every member), at least 32 characters
    /// (`openssl rand -hex 32`); without it those routes answer 401. Prefer --admin-token-file: a flag or an
    /// environment variable shows in the process list.
    #[arg(long, env = "FORUS_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,

    /// File holding the admin token (one line; its trailing newline is ignored), instead of --admin-token.
    #[arg(long, env = "FORUS_ADMIN_TOKEN_FILE", conflicts_with = "admin_token")]
    pub admin_token_file: Option<PathBuf>,

    /// Submissions (POST and DELETE) one client may send per minute, sustained.
    #[arg(long, env = "FORUS_RATE_LIMIT_PER_MINUTE", default_value_t = 120)]
    pub rate_limit_per_minute: u32,

    /// Submissions one client may send at once before the per-minute rate applies.
    #[arg(long, env = "FORUS_RATE_LIMIT_BURST", default_value_t = 30)]
    pub rate_limit_burst: u32,

    /// Identify clients by the X-Forwarded-For header (only behind a reverse proxy that sets it): the same as
    /// `--trusted-proxies 1`.
    #[arg(long, env = "FORUS_TRUST_PROXY", default_value_t = false)]
    pub trust_proxy: bool,

    /// Reverse proxies in front of the endpoint, each appending to X-Forwarded-For: the client is the address N
    /// entries from the right (what the outermost proxy saw), never the leftmost, which any client can forge.
    /// 0: the peer address.
    #[arg(long, env = "FORUS_TRUSTED_PROXIES", default_value_t = 0)]
    pub trusted_proxies: u32,

    /// Address of the Prometheus `/metrics` listener, kept off the public address.
    #[arg(long, env = "FORUS_METRICS_ADDR", default_value = "127.0.0.1:9464")]
    pub metrics_addr: SocketAddr,

    /// Time a client has to send a request's head (its line and headers), and that an idle keep-alive
    /// connection stays open: `10s`, `1m`.
    #[arg(long, env = "FORUS_HEADER_TIMEOUT", default_value = "10s", value_parser = parse_interval)]
    pub header_timeout: Duration,

    /// Longest wait for the next bytes of a request body before answering 408.
    #[arg(long, env = "FORUS_BODY_TIMEOUT", default_value = "30s", value_parser = parse_interval)]
    pub body_timeout: Duration,

    /// Longest a request may take to be answered (its body read included) before answering 503.
    #[arg(long, env = "FORUS_HANDLER_TIMEOUT", default_value = "30s", value_parser = parse_interval)]
    pub handler_timeout: Duration,

    /// Open connections at most; beyond it new connections wait until one closes.
    #[arg(long, env = "FORUS_MAX_CONNECTIONS", default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,

    /// Log lines as text or JSON.
    #[arg(long, env = "FORUS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// How often the published figures (map, benchmark, report) are released from approved submissions:
    /// `3600` seconds, or with a unit, `90s`, `15m`, `1h`.
    #[arg(long, env = "FORUS_RELEASE_INTERVAL", default_value = "1h", value_parser = parse_interval)]
    pub release_interval: Duration,

    /// Print the bytes a visitor downloads for the widget (raw, gzip, brotli) and exit.
    #[arg(long)]
    pub widget_size: bool,

    /// With --widget-size: fail if the first view (loader, glue, wasm, heaviest language pack) exceeds this
    /// many brotli bytes.
    #[arg(long, requires = "widget_size")]
    pub widget_budget: Option<usize>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What the binary does instead of serving.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Manage the member platforms' reviewers (tokens are shown once and stored hashed).
    Reviewers {
        #[command(subcommand)]
        action: ReviewersAction,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum ReviewersAction {
    /// Give a member platform a new reviewer and print its token, once.
    Add {
        /// Member id in the registry.
        #[arg(long)]
        member: String,
        /// Who holds it, for the audit log (a name or a role).
        #[arg(long, default_value = "reviewer")]
        label: String,
    },
    /// List reviewers (never their tokens), of one member or of all.
    List {
        #[arg(long)]
        member: Option<String>,
    },
    /// Revoke a reviewer: its token stops working at once.
    Revoke {
        #[arg(long)]
        member: String,
        /// The reviewer's id, as `list` shows it.
        #[arg(long)]
        id: String,
    },
}

/// `3600`, `90s`, `15m`, `1h`: at least one second.
fn parse_interval(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = text.split_at(text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len()));
    let n: u64 = number.parse().map_err(|_| format!("{text:?}: a number of seconds, or 90s, 15m, 1h"))?;
    let seconds = match unit {
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        _ => return Err(format!("{text:?}: the unit is s, m or h")),
    };
    (seconds > 0).then(|| Duration::from_secs(seconds)).ok_or_else(|| "at least one second".to_string())
}

impl Config {
    /// Proxies trusted to append to X-Forwarded-For: `--trusted-proxies`, or 1 for `--trust-proxy`.
    pub fn proxy_hops(&self) -> u32 {
        if self.trusted_proxies == 0 && self.trust_proxy {
            1
        } else {
            self.trusted_proxies
        }
    }
}

/// Shortest admin token accepted.
pub const ADMIN_TOKEN_MIN_CHARS: usize = 32;

impl Config {
    /// The admin token, from --admin-token or read from --admin-token-file (never both), checked: at least
    /// [`ADMIN_TOKEN_MIN_CHARS`] visible ASCII characters. `None` when neither is given (or the token is empty).
    pub fn admin_token(&self) -> anyhow::Result<Option<String>> {
        let token = match (&self.admin_token, &self.admin_token_file) {
            (Some(_), Some(_)) => anyhow::bail!(
                "the admin token is given twice: use --admin-token (FORUS_ADMIN_TOKEN) or --admin-token-file \
                 (FORUS_ADMIN_TOKEN_FILE), not both"
            ),
            (Some(token), None) if token.is_empty() => return Ok(None),
            (Some(token), None) => token.clone(),
            (None, Some(path)) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("reading the admin token file {} (--admin-token-file)", path.display()))?;
                text.trim_end_matches(['\n', '\r']).to_string()
            }
            (None, None) => return Ok(None),
        };
        check_admin_token(&token)?;
        Ok(Some(token))
    }
}

/// A token nobody can guess, that fits in an `Authorization` header and that the pages accept as typed.
fn check_admin_token(token: &str) -> anyhow::Result<()> {
    let make_one = "make one with `openssl rand -hex 32`";
    anyhow::ensure!(
        token.bytes().all(|b| b.is_ascii_graphic()),
        "the admin token may hold only visible ASCII characters (no spaces, no line breaks inside); {make_one}"
    );
    let chars = token.chars().count();
    anyhow::ensure!(
        chars >= ADMIN_TOKEN_MIN_CHARS,
        "the admin token has {chars} characters: it needs at least {ADMIN_TOKEN_MIN_CHARS}, so that it cannot be \
         guessed; {make_one}"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admin_token(args: &[&str]) -> anyhow::Result<Option<String>> {
        Config::try_parse_from([&["forus-endpoint"], args].concat())?.admin_token()
    }

    #[test]
    fn the_admin_token_is_long_enough_or_refused_with_a_way_to_make_one() {
        let long = "0123456789abcdef0123456789abcdef";
        assert_eq!(admin_token(&["--admin-token", long]).unwrap().as_deref(), Some(long));
        assert_eq!(admin_token(&[]).unwrap(), None);
        let short = admin_token(&["--admin-token", "secretariat-token"]).unwrap_err().to_string();
        assert!(short.contains("17 characters") && short.contains("at least 32"), "{short}");
        assert!(short.contains("openssl rand -hex 32"), "{short}");
        let spaced = format!("{long} with spaces");
        assert!(admin_token(&["--admin-token", &spaced]).unwrap_err().to_string().contains("visible ASCII"));
    }

    #[test]
    fn the_admin_token_is_read_from_a_file_without_its_trailing_newline() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("admin-token");
        let token = "f".repeat(64);
        for written in [format!("{token}\n"), format!("{token}\r\n"), token.clone()] {
            std::fs::write(&file, written).unwrap();
            let read = admin_token(&["--admin-token-file", file.to_str().unwrap()]).unwrap();
            assert_eq!(read.as_deref(), Some(token.as_str()));
        }
        std::fs::write(&file, "short\n").unwrap();
        assert!(admin_token(&["--admin-token-file", file.to_str().unwrap()]).is_err());
        let missing = dir.path().join("missing");
        let unreadable = admin_token(&["--admin-token-file", missing.to_str().unwrap()]).unwrap_err();
        assert!(format!("{unreadable:#}").contains("reading the admin token file"), "{unreadable:#}");
        let both = admin_token(&["--admin-token", &token, "--admin-token-file", file.to_str().unwrap()]);
        assert!(both.is_err(), "a token and a token file");
    }

    #[test]
    fn release_intervals_read_like_people_write_them() {
        assert_eq!(parse_interval("3600"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_interval("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_interval("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_interval("1h"), Ok(Duration::from_secs(3600)));
        assert!(parse_interval("0").is_err() && parse_interval("1d").is_err() && parse_interval("soon").is_err());
    }

    #[test]
    fn trust_proxy_is_one_trusted_proxy() {
        let hops = |args: &[&str]| Config::parse_from([&["forus-endpoint"], args].concat()).proxy_hops();
        assert_eq!(hops(&[]), 0);
        assert_eq!(hops(&["--trust-proxy"]), 1);
        assert_eq!(hops(&["--trusted-proxies", "2"]), 2);
        assert_eq!(hops(&["--trust-proxy", "--trusted-proxies", "3"]), 3);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}
