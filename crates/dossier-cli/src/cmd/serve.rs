//! `dossier serve`: the HTTP API and the web UI over a store (the server
//! itself lives in the `dossier-server` crate; this is argument glue).

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::Path;

use crate::Outcome;

/// Arguments of `dossier serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on. Keep the default loopback address unless
    /// others must reach the server, and then set a token.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    pub addr: SocketAddr,
    /// Require `Authorization: Bearer TOKEN` on every API request.
    #[arg(long, env = "DOSSIER_TOKEN", hide_env_values = true, value_name = "TOKEN")]
    pub token: Option<String>,
    /// Who corrections made with the token are recorded as, in `dossier decisions` (`web:LABEL`).
    #[arg(long, env = "DOSSIER_TOKEN_LABEL", default_value = "token", value_name = "LABEL")]
    pub token_label: String,
    /// Stores kept open, and so queries run at once (default: twice the cores, 2 to 16).
    #[arg(long, value_name = "N")]
    pub pool: Option<usize>,
}

/// `dossier serve`.
pub fn run(dir: &Path, a: Args) -> anyhow::Result<Outcome> {
    let mut config = dossier_server::Config::new(dir.to_path_buf(), a.addr);
    config.token = a.token.filter(|t| !t.is_empty());
    config.token_label = a.token_label;
    if let Some(n) = a.pool {
        config.pool_size = n.clamp(1, 64);
    }
    if config.exposed_without_token() {
        eprintln!(
            "dossier: warning: serving on {} without a token: anyone who can reach this address can read the store \
             (set --token or DOSSIER_TOKEN)",
            a.addr
        );
    }
    let store = dir.display().to_string();
    dossier_server::run_blocking(config, |addr| {
        println!("dossier: serving {store} on http://{addr}/ (Ctrl-C to stop)");
        let _ = std::io::stdout().flush();
    })?;
    Ok(Outcome::Success)
}
