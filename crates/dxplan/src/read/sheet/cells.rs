//! One calamine value → the text a person sees in the cell.

use calamine::{Data, ExcelDateTime};

use super::numfmt;

/// The text of a cell value. `shown` is the text the workbook displays for
/// a number when the reader knows it (a rendered number format, or the ODS
/// display text). `Err` carries why the value cannot be given as text: the
/// warning's message, without the cell (`cell`).
pub(super) fn cell_text(data: &Data, shown: Option<&str>) -> Result<String, crate::i18n::Msg> {
    match data {
        Data::Empty => Ok(String::new()),
        Data::String(s) => Ok(line_breaks(s)),
        Data::Float(x) => Ok(shown.map_or_else(|| numfmt::plain(*x), str::to_string)),
        Data::Int(i) => Ok(shown.map_or_else(|| i.to_string(), str::to_string)),
        Data::Bool(b) => Ok(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(_) if shown.is_some() => Ok(shown.unwrap_or_default().to_string()),
        Data::DateTime(d) => excel_date(d),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Ok(s.clone()),
        Data::Error(e) => Err(crate::msg!("warning-cell-error", error = e.to_string())),
    }
}

/// Line breaks inside a cell as `\n`.
fn line_breaks(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    }
}

/// A date as ISO text (`2024-03-01`, with the time when it has one); a
/// duration as hours, minutes and seconds.
fn excel_date(d: &ExcelDateTime) -> Result<String, crate::i18n::Msg> {
    if d.is_duration() {
        return Ok(duration(d.as_f64()));
    }
    let serial = d.as_f64();
    if !(0.0..=2_958_465.0).contains(&serial) {
        return Err(crate::msg!(
            "warning-date-out-of-range",
            serial = serial.to_string()
        ));
    }
    let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
    if (h, mi, s) == (0, 0, 0) {
        Ok(format!("{y:04}-{mo:02}-{day:02}"))
    } else if serial < 1.0 {
        Ok(format!("{h:02}:{mi:02}:{s:02}"))
    } else {
        Ok(format!("{y:04}-{mo:02}-{day:02}T{h:02}:{mi:02}:{s:02}"))
    }
}

fn duration(days: f64) -> String {
    let secs = (days * 86_400.0).round() as i64;
    let sign = if secs < 0 { "-" } else { "" };
    let secs = secs.abs();
    format!(
        "{sign}{}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTimeType};

    #[test]
    fn values_become_the_text_a_person_sees() {
        assert_eq!(cell_text(&Data::Float(4916.0), None).unwrap(), "4916");
        assert_eq!(
            cell_text(&Data::Float(4916.0), Some("4,916")).unwrap(),
            "4,916"
        );
        assert_eq!(cell_text(&Data::Int(12), None).unwrap(), "12");
        assert_eq!(
            cell_text(&Data::String("a\r\nb\rc".into()), None).unwrap(),
            "a\nb\nc"
        );
        assert_eq!(cell_text(&Data::Bool(true), None).unwrap(), "TRUE");
        assert_eq!(cell_text(&Data::Empty, None).unwrap(), "");
    }

    #[test]
    fn dates_are_iso_and_errors_are_refused() {
        let date = ExcelDateTime::new(45352.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(
            cell_text(&Data::DateTime(date), None).unwrap(),
            "2024-03-01"
        );
        let noon = ExcelDateTime::new(45352.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(
            cell_text(&Data::DateTime(noon), None).unwrap(),
            "2024-03-01T12:00:00"
        );
        let span = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(cell_text(&Data::DateTime(span), None).unwrap(), "36:00:00");
        let e = cell_text(&Data::Error(CellErrorType::Div0), None).unwrap_err();
        let e = e.arg("cell", "Sheet1!A1").render(crate::i18n::Lang::En);
        assert!(e.contains("#DIV/0!"), "{e}");
    }
}
