//! tenant-admin: the operator CLI. It parses arguments, connects, calls the
//! tenancy, identity and billing crates and prints what happened. Every
//! failure is one line on stderr and a non-zero exit (2 for bad input).

mod cli;
mod commands;
mod migrate_cmd;
mod plans_cmd;
mod table;

use std::process::ExitCode;

use clap::Parser;
use diesel::prelude::*;
use kernel::settings::{load_dotenv, Settings};
use tenancy::lifecycle::{require_public_migrated, require_public_schema};
use tenancy::AdminError;

use cli::{Cli, Command};

/// libpq waits forever for an unreachable host unless told otherwise.
const DEFAULT_CONNECT_TIMEOUT_SECS: &str = "10";

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        // A reader that stops early (`tenant-admin list | head`) closes
        // the pipe, and the next line printed fails: that is no error of
        // ours, so stop quietly (each tenant's work is its own
        // transaction, so none is left half done).
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        eprintln!("error: internal error: {}", one_line(&message));
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", one_line(&e.message));
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1))
        }
    }
}

/// Help and version print as usual; a usage mistake is one line and exit 2,
/// like any other refused input.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let rendered = e.render().to_string();
    eprintln!(
        "error: {}; see tenant-admin --help",
        usage_message(&rendered)
    );
    ExitCode::from(2)
}

fn run(cli: Cli) -> Result<ExitCode, AdminError> {
    // Refuse before touching the database.
    if let Command::Delete {
        slug, yes: false, ..
    } = &cli.command
    {
        return Err(AdminError::invalid(format!(
            "deleting tenant {slug} needs --yes to confirm"
        )));
    }
    load_dotenv();
    let settings = Settings::from_env().map_err(|e| AdminError::failed(e.to_string()))?;
    let mut conn = connect(&settings.database_url)?;
    if !matches!(cli.command, Command::Init) {
        require_public_schema(&mut conn)?;
    }
    if matches!(cli.command, Command::Create(_) | Command::Migrate(_)) {
        require_public_migrated(&mut conn)?;
    }
    commands::dispatch(cli.command, &mut conn, &settings)
}

pub fn connect(database_url: &str) -> Result<PgConnection, AdminError> {
    if std::env::var_os("PGCONNECT_TIMEOUT").is_none() {
        std::env::set_var("PGCONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT_SECS);
    }
    PgConnection::establish(database_url).map_err(|e| {
        AdminError::failed(format!(
            "cannot connect to the database {}: {e}",
            redact_password(database_url)
        ))
    })
}

/// postgres://user:secret@host/db -> postgres://user:***@host/db
fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.rsplit_once('@') {
        Some((credentials, host)) => match credentials.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// clap's message up to its first blank line, on one line. The first line
/// alone is not enough: "the following required arguments were not
/// provided:" names the arguments on the lines after it.
fn usage_message(rendered: &str) -> String {
    let first_paragraph: Vec<&str> = rendered
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .collect();
    let joined = one_line(&first_paragraph.join(" "));
    joined
        .strip_prefix("error: ")
        .map(str::to_string)
        .unwrap_or(joined)
}

/// Database errors span lines (libpq adds hints); an operator's error is one.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact_password("postgres://app:s3cret@db:5432/saas"),
            "postgres://app:***@db:5432/saas"
        );
        assert_eq!(redact_password("postgres://db/saas"), "postgres://db/saas");
    }

    #[test]
    fn joins_lines() {
        assert_eq!(one_line("a\n\tb  c\n"), "a b c");
    }
}
