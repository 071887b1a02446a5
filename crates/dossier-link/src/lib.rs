//! dossier's linking layer: one actor across mentions, documents and
//! spellings, with what is known about it.
//!
//! - [`names`]: the normal forms under which spellings meet (folding of case,
//!   diacritics and punctuation; transliteration keys), slugs, word lists.
//! - [`kb`]: the knowledge base built from the Phoenix/CAMEO dictionaries
//!   (countries with names and adjectives, people with dated roles,
//!   international organisations, non-state groups), shipped in the binary.
//! - [`geo`]: the gazetteer built from GeoNames (countries, regions,
//!   cities with population and coordinates), shipped in the binary, and
//!   the choice of the place a name means in a document.
//! - [`phoenix`]: the reader of those dictionaries (used by `dossier build kb`).
//! - [`linker`]: [`Linker`] groups a document's mentions into entities and
//!   ties them to entities across documents, filling `Mention::entity` and
//!   `Speaker::entity`, every link with its [`Evidence`] and a confidence;
//!   its [`Planner`] does the half that needs no other document, on any
//!   thread ([`Planner::plan`], then [`Linker::link_planned`]).
//! - [`distributed`]: the same linking as stages that need no input order
//!   (groups as rows, keys grouped, edges, connected components), for
//!   running on a cluster; [`distributed::link_distributed`] simulates it.
//! - [`index`]: the cross-document state behind the [`EntityIndex`] trait,
//!   with [`MemoryIndex`] in memory; a store implements the same trait.
//! - [`metrics`], [`gum`] and [`eval`]: coreference and cross-document scores, the
//!   reader of the GUM gold files, and the evaluation run over them.
//!
//! # The index contract
//!
//! [`EntityIndex`] has two required methods: `candidates(key)` returns the
//! [`EntityRecord`]s filed under a key, `upsert(record, keys)` stores a record
//! (by id) and files it under more keys (`find` and `contains` have default
//! bodies over `candidates`, which an index may override to copy less). Keys are opaque strings; every
//! record is also filed under `id:<id>`. [`EntityRecord`] is plain data (id,
//! kind, name, aliases, knowledge-base facts, evidence counts, mention and
//! document counts, co-occurring entities), so a store can persist it as is.
//! Analyst overrides enter as [`Decisions`] (merges, and names that must stay
//! apart from an entity), consulted before each link.
//!
//! ```
//! use dossier_core::{Annotations, EntityLabel, Mention, Span};
//! use dossier_link::Linker;
//!
//! let mut linker = Linker::with_embedded_kb();
//! let text = "Kimmo Kiljunen arrived. Kiljunen spoke.";
//! let mut ann = Annotations {
//!     entities: vec![
//!         Mention { span: Span::new(0, 14), label: EntityLabel::Per, entity: None },
//!         Mention { span: Span::new(24, 32), label: EntityLabel::Per, entity: None },
//!     ],
//!     ..Default::default()
//! };
//! linker.link(text, &mut ann);
//! assert_eq!(ann.entities[0].entity.as_deref(), Some("kimmo-kiljunen"));
//! assert_eq!(ann.entities[1].entity.as_deref(), Some("kimmo-kiljunen"));
//! ```

pub mod distributed;
pub mod eval;
pub mod geo;
pub mod gum;
pub mod index;
pub mod kb;
pub mod linker;
pub mod metrics;
pub mod names;
pub mod phoenix;

pub use index::{EntityIndex, EntityRecord, Evidence, KbFacts, MemoryIndex, PlaceFacts};
pub use kb::{EntityKind, KbEntry, KbRole, KnowledgeBase};
pub use linker::{Decisions, DocLinks, DocPlan, Linker, MentionLink, Planner};
