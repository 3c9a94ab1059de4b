//! Row labels that carry data: indicator name + unit, department lists.

use super::text::{clean_text, fold_ascii_width};

/// Split an indicator label into name and unit: `満足度（%）` → (`満足度`,
/// `%`); `年間アクティブユーザー数 (人(累計))` → (…, `人(累計)`);
/// `電子申請可能な申請数` → (…, None). Width of the unit folded (％ → %).
pub fn split_indicator_label(s: &str) -> (String, Option<String>) {
    let label = clean_text(s);
    let Some((name, inner)) = split_trailing_paren(&label) else {
        return (label, None);
    };
    let unit: String = fold_ascii_width(inner)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let name = name.trim_end();
    if name.is_empty() || unit.is_empty() {
        return (label, None);
    }
    (name.to_string(), Some(unit))
}

/// A target written inside an indicator's label, with the year it is for:
/// `キャッシュレス決済の件数：1,000件/年（R8）` → (`キャッシュレス決済の件数`,
/// `1,000`, `件/年`, 2026). `None` when the label holds no such target or
/// names no year (the label is then kept whole: nothing is guessed).
pub fn target_in_label(s: &str) -> Option<(String, String, Option<String>, i32)> {
    let label = clean_text(s);
    let (head, inner) = split_trailing_paren(&label)?;
    let fy = super::era::header_year(inner)?;
    let (name, rest) = head.split_once(['：', ':'])?;
    let rest = fold_ascii_width(rest.trim());
    let digits = rest
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    let (value, unit) = rest.split_at(digits);
    let (name, unit) = (name.trim(), unit.trim());
    if name.is_empty() || !value.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((
        name.to_string(),
        value.to_string(),
        (!unit.is_empty()).then(|| unit.to_string()),
        fy,
    ))
}

/// Split a 担当部署 cell: `会計課、財政課、政策課 等` → (["会計課", "財政課",
/// "政策課"], true). Separators 、 , ， ・ / and line breaks. A line break or
/// ・ separates only after a department name (ending 課, 室, 部 …), so a
/// name wrapped as `税\n務課` is joined and `総務・人事課` stays one.
pub fn departments(s: &str) -> (Vec<String>, bool) {
    let mut items: Vec<String> = s
        .split(is_separator)
        .flat_map(|p| split_after_departments(p, &['\n', '\r'], ""))
        .flat_map(|p| split_after_departments(&p, &['・', '･'], "・"))
        .map(|p| clean_text(&p))
        .filter(|p| !p.is_empty())
        .collect();
    let etc = strip_etc(&mut items);
    (items, etc)
}

/// The departments of a further row of the same measure (the rest of a
/// row a page break cut) added to `prev`: the further text is read as the
/// next line of the same cell, so a name the break cut (`環境衛生課、情` |
/// `報推進課`) is joined as a name wrapped inside one cell is. True when
/// the further text ends with 等.
pub fn more_departments(prev: &mut Vec<String>, more: &str) -> bool {
    let text = match prev.pop() {
        Some(last) if !ends_department(&last) => format!("{last}\n{more}"),
        Some(last) => {
            prev.push(last);
            more.to_string()
        }
        None => more.to_string(),
    };
    let (items, etc) = departments(&text);
    prev.extend(items);
    etc
}

/// True when a text is nothing but department names (`人事課、情報推進課`,
/// `農業委員会事務局・農林課 等`): content that says "departments" whatever
/// its label. Each name short and ending like an office of a city hall.
pub fn looks_like_departments(s: &str) -> bool {
    if s.contains('。') {
        return false;
    }
    let (items, _) = departments(s);
    !items.is_empty()
        && items.iter().all(|d| {
            let n = d.chars().count();
            (2..=14).contains(&n)
                && [
                    "課",
                    "室",
                    "部",
                    "局",
                    "係",
                    "班",
                    "センター",
                    "委員会",
                    "館",
                ]
                .iter()
                .any(|e| d.ends_with(e))
        })
}

/// `head(inner)` → (head, inner) when the text ends with a parenthesised
/// part; parentheses of either width, nested ones allowed.
pub fn split_trailing_paren(s: &str) -> Option<(&str, &str)> {
    let close = s.chars().next_back().filter(|&c| is_close(c))?;
    let end = s.len() - close.len_utf8();
    let mut depth = 0usize;
    for (i, c) in s[..end].char_indices().rev() {
        if is_close(c) {
            depth += 1;
        } else if is_open(c) {
            if depth == 0 {
                let head = &s[..i];
                return balanced(head).then(|| (head, &s[i + c.len_utf8()..end]));
            }
            depth -= 1;
        }
    }
    None
}

/// True when every parenthesis in `s` is closed, in order.
fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        depth += i32::from(is_open(c)) - i32::from(is_close(c));
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

fn is_open(c: char) -> bool {
    matches!(c, '(' | '（')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | '）')
}

fn is_separator(c: char) -> bool {
    matches!(c, '、' | ',' | '，' | '/' | '／' | '､')
}

/// Endings of department names, after which a line break or ・ separates
/// two departments.
#[rustfmt::skip]
const DEPARTMENT_ENDINGS: &[&str] = &[
    "課", "室", "部", "局", "係", "班", "所", "院", "館", "庁", "署", "園", "校", "会", "門",
    "担当", "センター", "グループ", "チーム", "等",
];

/// Split `part` at `seps`, but only after a department name: a piece that
/// does not end like one is glued to the next with `glue`
/// (`会計課・財政課` → two parts; `総務・人事課` → one).
fn split_after_departments(part: &str, seps: &[char], glue: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in part.split(seps) {
        match out.last_mut() {
            Some(prev) if !prev.trim().is_empty() && !ends_department(prev) => {
                prev.push_str(glue);
                prev.push_str(piece);
            }
            _ => out.push(piece.to_string()),
        }
    }
    out
}

fn ends_department(s: &str) -> bool {
    let t = s.trim_end();
    DEPARTMENT_ENDINGS.iter().any(|e| t.ends_with(e))
}

/// Remove a trailing 等 (alone or glued to the last department); true when
/// there was one.
fn strip_etc(items: &mut Vec<String>) -> bool {
    let Some(last) = items.last_mut() else {
        return false;
    };
    let Some(rest) = last.strip_suffix('等') else {
        return false;
    };
    let rest = rest.trim_end().to_string();
    if rest.is_empty() {
        items.pop();
    } else {
        *last = rest;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_inside_the_label_with_its_year() {
        assert_eq!(
            target_in_label("キャッシュレス決済の件数：1,000件/年（R8）"),
            Some((
                "キャッシュレス決済の件数".into(),
                "1,000".into(),
                Some("件/年".into()),
                2026
            ))
        );
        assert_eq!(
            target_in_label("研修の受講率: 80%（令和9年度）"),
            Some(("研修の受講率".into(), "80".into(), Some("%".into()), 2027))
        );
        // No year, no number, or a plain unit in the parentheses: kept whole.
        assert_eq!(target_in_label("研修受講者：1,000人/年"), None);
        assert_eq!(target_in_label("満足度（%）"), None);
        assert_eq!(target_in_label("利用者：増やす（R8）"), None);
    }

    #[test]
    fn indicator_labels() {
        let cases = [
            ("満足度（%）", "満足度", Some("%")),
            ("満足度（％）", "満足度", Some("%")),
            ("動画件数の受講率（％）", "動画件数の受講率", Some("%")),
            (
                "年間アクティブユーザー数 (人(累計))",
                "年間アクティブユーザー数",
                Some("人(累計)"),
            ),
            (
                "年間アクティブユーザー数（人（累計））",
                "年間アクティブユーザー数",
                Some("人(累計)"),
            ),
            ("登録者数累計（名）", "登録者数累計", Some("名")),
            ("研修回数\n（回）", "研修回数", Some("回")),
            (
                "オープンデータ数 (データ)",
                "オープンデータ数",
                Some("データ"),
            ),
            ("標準化進捗率（ % ）", "標準化進捗率", Some("%")),
            (
                "希望する職員のうち、\n実施できた職員の割合（％）",
                "希望する職員のうち、実施できた職員の割合",
                Some("%"),
            ),
            ("電子申請可能な申請数", "電子申請可能な申請数", None),
            (
                "R9年までに紙使用量\n50%削減",
                "R9年までに紙使用量50%削減",
                None,
            ),
            ("定性評価", "定性評価", None),
            ("（％）", "（％）", None),
            ("満足度（）", "満足度（）", None),
            ("満足度（%", "満足度（%", None),
            ("満足度%）", "満足度%）", None),
            ("(人(累計)", "(人(累計)", None),
            ("", "", None),
        ];
        for (input, name, unit) in cases {
            let got = split_indicator_label(input);
            assert_eq!(
                (got.0.as_str(), got.1.as_deref()),
                (name, unit),
                "split_indicator_label({input:?})"
            );
        }
    }

    #[test]
    fn department_lists() {
        let cases: &[(&str, &[&str], bool)] = &[
            (
                "会計課、財政課、政策課、市民課、税務課 等",
                &["会計課", "財政課", "政策課", "市民課", "税務課"],
                true,
            ),
            (
                "政策課、財政課、市民課 等",
                &["政策課", "財政課", "市民課"],
                true,
            ),
            (
                "政策課、財政課、市民課等",
                &["政策課", "財政課", "市民課"],
                true,
            ),
            ("政策課、財政課、等", &["政策課", "財政課"], true),
            ("政策課", &["政策課"], false),
            ("政策課、秘書広報課", &["政策課", "秘書広報課"], false),
            ("各担当課、政策課", &["各担当課", "政策課"], false),
            (
                "総務人事課、政策課、財政課",
                &["総務人事課", "政策課", "財政課"],
                false,
            ),
            ("市立病院", &["市立病院"], false),
            ("政策課,財政課", &["政策課", "財政課"], false),
            ("政策課，財政課", &["政策課", "財政課"], false),
            ("政策課・財政課", &["政策課", "財政課"], false),
            ("政策課／財政課", &["政策課", "財政課"], false),
            ("政策課/財政課", &["政策課", "財政課"], false),
            ("政策課\n財政課", &["政策課", "財政課"], false),
            ("政策課 、 財政課\n", &["政策課", "財政課"], false),
            ("総務・人事課、政策課", &["総務・人事課", "政策課"], false),
            (
                "DX推進室・情報センター",
                &["DX推進室", "情報センター"],
                false,
            ),
            ("政策課、\n財政\n課", &["政策課", "財政課"], false),
            (
                "会計課、市民課・税\n務課 等",
                &["会計課", "市民課", "税務課"],
                true,
            ),
            ("政策課\n等", &["政策課"], true),
            ("政策課\n\n財政課", &["政策課", "財政課"], false),
            ("企画部門\n財政課", &["企画部門", "財政課"], false),
            ("", &[], false),
            ("  ", &[], false),
            ("等", &[], true),
        ];
        for (input, want, etc) in cases {
            let (items, got_etc) = departments(input);
            assert_eq!(items, *want, "departments({input:?}) items");
            assert_eq!(got_etc, *etc, "departments({input:?}) etc");
        }
    }
}
