//! The recogniser: grids → the typed plan, plus warnings.

use crate::error::ErrorKind;
use crate::model::{Measure, PlanInfo, Policy, Warning};
use crate::read::Document;

/// What the recogniser finds in a document.
#[derive(Debug, Clone, Default)]
pub struct Recognized {
    pub info: PlanInfo,
    pub policies: Vec<Policy>,
    pub measures: Vec<Measure>,
    pub warnings: Vec<Warning>,
}

/// Build the plan from a document's grids.
///
/// # Errors
/// [`ErrorKind::NoPlan`] when no measure table is found.
pub fn recognize(_doc: &Document) -> Result<Recognized, ErrorKind> {
    Err(ErrorKind::NoPlan)
}
