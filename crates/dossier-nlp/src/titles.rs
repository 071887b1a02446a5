//! The titles table lives in `dossier-core` (`dossier_core::titles`), where
//! the linker reads it too; this module keeps the paths the tagger and the
//! quote stage use.

pub use dossier_core::titles::is_name_title;
pub(crate) use dossier_core::titles::SPEAKER_TITLES;
