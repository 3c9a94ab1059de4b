//! Open-data CSV writer (issue: writers).
