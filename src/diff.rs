//! Differences between two revisions of a plan (issue: diff).
