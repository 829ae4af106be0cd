//! Operator configuration: every flag has an environment variable.

use clap::{Parser, ValueEnum};
use std::{net::SocketAddr, path::PathBuf};

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

    /// Bearer token for the secretariat's export routes; without it those routes answer 401.
    #[arg(long, env = "FORUS_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,

    /// Submissions (POST and DELETE) one client may send per minute, sustained.
    #[arg(long, env = "FORUS_RATE_LIMIT_PER_MINUTE", default_value_t = 120)]
    pub rate_limit_per_minute: u32,

    /// Submissions one client may send at once before the per-minute rate applies.
    #[arg(long, env = "FORUS_RATE_LIMIT_BURST", default_value_t = 30)]
    pub rate_limit_burst: u32,

    /// Identify clients by the X-Forwarded-For header (only behind a reverse proxy that sets it).
    #[arg(long, env = "FORUS_TRUST_PROXY", default_value_t = false)]
    pub trust_proxy: bool,

    /// Log lines as text or JSON.
    #[arg(long, env = "FORUS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// Print the bytes a visitor downloads for the widget (raw, gzip, brotli) and exit.
    #[arg(long)]
    pub widget_size: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}
