//! Excel workbook writer (issue: writers).
