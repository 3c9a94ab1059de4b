//! The portal feed: publish each plan to a CKAN open-data portal (the
//! software most Japanese prefectural portals run).
//!
//! One dataset per municipality's plan, named `<団体コード>-dx-action-plan`,
//! with Japanese title and notes, tags, the `cc-by` licence and extras
//! ([`metadata`]); its resources are the JSON, the workbook, the four CSV
//! tables and the data dictionary ([`files`]). A new edition replaces the
//! latest files in place (stable resource ids) and keeps the earlier
//! edition's files as resources of their own; a file already on the portal
//! is not uploaded again ([`sync`]). The HTTP side is a small client of
//! CKAN's action API ([`ckan`]).

pub mod approval;
pub mod ckan;
pub mod error;
pub mod files;
pub mod metadata;
pub mod sync;

pub use ckan::Ckan;
pub use error::PortalError;
pub use sync::{Change, Options, Outcome, Portal, Step, publish};
