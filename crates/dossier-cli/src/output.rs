//! Output helpers shared by the subcommands.

/// True when the error chain holds a broken pipe (`dossier … | head`), which
/// is how a reader says it has seen enough, not a failure.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
